package dev.berth.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import dev.berth.auth.AccessDecision;
import dev.berth.auth.AccessRequest;
import dev.berth.auth.BasicCredentials;
import dev.berth.auth.Scope;
import dev.berth.auth.keys.KeyIds;
import dev.berth.auth.keys.KeyPairs;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The registry side against well-formed tokens in every key-ID form real issuers use, and the
 * challenges it answers with.
 */
class TokenAccessControllerTest extends TokenControllerFixture {

    @Test
    void validLibtrustKidTokenGrantsItsAccess() throws Exception {
        Scope pushPull = Scope.repository("group/app", "pull", "push");
        AccessDecision decision = authorize(token(List.of(pushPull)), Scope.repository("group/app", "push"));
        assertThat(decision).isEqualTo(new AccessDecision.Granted(Optional.of("alice"), List.of(pushPull)));
    }

    @Test
    void missingTokenIsChallengedWithExactlyTheScopeNeeded() {
        AccessDecision decision = authorize(null, Scope.repository("group/app", "pull"),
                Scope.repository("group/app", "push"));
        assertThat(decision).isEqualTo(new AccessDecision.Refused(401, Optional.of("Bearer realm=\"" + REALM
                + "\",service=\"" + SERVICE + "\",scope=\"repository:group/app:pull,push\""), "authentication required"));
    }

    @Test
    void challengeForSeveralResourcesSeparatesScopesWithSpaces() {
        AccessDecision decision = authorize(null, Scope.repository("target", "pull", "push"),
                Scope.repository("source", "pull"));
        assertThat(((AccessDecision.Refused) decision).wwwAuthenticate())
                .contains("Bearer realm=\"" + REALM + "\",service=\"" + SERVICE
                        + "\",scope=\"repository:target:pull,push repository:source:pull\"");
    }

    @Test
    void baseEndpointChallengeHasNoScope() {
        assertThat(((AccessDecision.Refused) authorize(null)).wwwAuthenticate())
                .contains("Bearer realm=\"" + REALM + "\",service=\"" + SERVICE + "\"");
    }

    @Test
    void basicCredentialsAreChallengedForAToken() {
        AccessDecision decision = controller.authorize(new AccessRequest(List.of(),
                Optional.of(new BasicCredentials("alice", "secret").toHeader()), "192.0.2.1"));
        assertThat(((AccessDecision.Refused) decision).wwwAuthenticate()).get(
                org.assertj.core.api.InstanceOfAssertFactories.STRING).startsWith("Bearer ").doesNotContain("error=");
    }

    @Test
    void baseEndpointAcceptsAnyValidTokenEvenWithoutAccess() throws Exception {
        assertThat(authorize(token(List.of()))).isInstanceOf(AccessDecision.Granted.class);
    }

    @Test
    void catalogNeedsRegistryCatalogStar() throws Exception {
        assertInsufficientScope(authorize(token(List.of(Scope.repository("app", "pull"))), Scope.catalog()),
                "registry:catalog:*");
        assertThat(authorize(token(List.of(Scope.catalog())), Scope.catalog())).isInstanceOf(AccessDecision.Granted.class);
    }

    @Test
    void starActionCoversEveryAction() throws Exception {
        String token = token(List.of(Scope.repository("app", "*")));
        assertThat(authorize(token, Scope.repository("app", "pull", "push", "delete")))
                .isInstanceOf(AccessDecision.Granted.class);
    }

    @Test
    void actionsSpreadOverSeveralAccessEntriesAddUp() throws Exception {
        String token = token(List.of(Scope.repository("app", "pull"), Scope.repository("app", "push")));
        assertThat(authorize(token, Scope.repository("app", "pull", "push"))).isInstanceOf(AccessDecision.Granted.class);
    }

    @Test
    void audienceMayBeAnArrayContainingTheService() throws Exception {
        String token = Jwts.rs256(signing.keyPair().getPrivate(), libtrustHeader(),
                claims(List.of()).audience(List.of("other", SERVICE)).build());
        assertThat(authorize(token)).isInstanceOf(AccessDecision.Granted.class);
    }

    @Test
    void expiredWithinLeewayIsStillAccepted() throws Exception {
        String token = Jwts.rs256(signing.keyPair().getPrivate(), libtrustHeader(),
                claims(List.of()).expirationTime(Date.from(NOW.minusSeconds(59))).build());
        assertThat(authorize(token)).isInstanceOf(AccessDecision.Granted.class);
    }

    @Test
    void notBeforeWithinLeewayIsAccepted() throws Exception {
        String token = Jwts.rs256(signing.keyPair().getPrivate(), libtrustHeader(),
                claims(List.of()).notBeforeTime(Date.from(NOW.plusSeconds(59))).build());
        assertThat(authorize(token)).isInstanceOf(AccessDecision.Granted.class);
    }

    @Test
    void jwkThumbprintKidIsAccepted() throws Exception {
        String token = Jwts.rs256(signing.keyPair().getPrivate(),
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KeyIds.thumbprint(signing.keyPair().getPublic())),
                claims(List.of()).build());
        assertThat(authorize(token)).isInstanceOf(AccessDecision.Granted.class);
    }

    @Test
    void jwkHeaderOfATrustedKeyIsAccepted() throws Exception {
        RSAKey jwk = new RSAKey.Builder((java.security.interfaces.RSAPublicKey) signing.keyPair().getPublic()).build();
        String token = Jwts.rs256(signing.keyPair().getPrivate(), new JWSHeader.Builder(JWSAlgorithm.RS256).jwk(jwk),
                claims(List.of()).build());
        assertThat(authorize(token)).isInstanceOf(AccessDecision.Granted.class);
    }

    @Test
    void x5cChainEndingInTheBundleIsAccepted() throws Exception {
        KeyPairs.SigningPair leaf = TestPki.leafSignedBy(signing, Clock.systemUTC());
        String token = Jwts.rs256(leaf.keyPair().getPrivate(), new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .x509CertChain(List.of(Base64.encode(leaf.certificate().getEncoded()))),
                claims(List.of()).build());
        assertThat(authorize(token)).isInstanceOf(AccessDecision.Granted.class);
    }

    @Test
    void ecdsaSignedTokenIsAccepted() throws Exception {
        KeyPairs.SigningPair ec = TestPki.ecSelfSigned(Clock.systemUTC());
        TokenAccessController ecController = controller(TestPki.writeBundle(dir, "ec.crt", ec.certificate()));
        String token = Jwts.sign(new ECDSASigner((java.security.interfaces.ECPrivateKey) ec.keyPair().getPrivate()),
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(KeyIds.libtrust(ec.keyPair().getPublic())),
                claims(List.of()).build());
        assertThat(authorize(ecController, token)).isInstanceOf(AccessDecision.Granted.class);
    }

    @Test
    void autoRedirectBuildsTheRealmFromTheRequestHost() throws Exception {
        TokenAccessController redirecting = TokenAccessController.create(controller.settings().toBuilder()
                .autoRedirect(true).build());
        AccessDecision decision = redirecting.authorize(new AccessRequest(List.of(), Optional.empty(), "192.0.2.1",
                Optional.of("registry.example.com:5000"), Optional.of("http")));
        assertThat(((AccessDecision.Refused) decision).wwwAuthenticate())
                .contains("Bearer realm=\"http://registry.example.com:5000/auth/token\",service=\"" + SERVICE + "\"");
    }

    @Test
    void jwksKeyIsFoundByItsOwnKid() throws Exception {
        RSAKey jwk = new RSAKey.Builder((java.security.interfaces.RSAPublicKey) signing.keyPair().getPublic())
                .keyID("issuer-key-2026").build();
        Path jwks = java.nio.file.Files.writeString(dir.resolve("jwks.json"), new JWKSet(jwk).toString());
        TokenAccessController jwksOnly = TokenAccessController.create(TokenAuthSettings.builder().realm(REALM)
                .service(SERVICE).issuer(ISSUER).jwks(jwks).clock(clock).build());
        String token = Jwts.rs256(signing.keyPair().getPrivate(),
                new JWSHeader.Builder(JWSAlgorithm.PS256).keyID("issuer-key-2026"), claims(List.of()).build());
        assertThat(authorize(jwksOnly, token)).isInstanceOf(AccessDecision.Granted.class);
    }

    @Test
    void ed25519KeyFromJwksVerifiesEdDsaTokens() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        OctetKeyPair jwk = (OctetKeyPair) KeyIds.toJwk(ed.getPublic());
        Path jwks = java.nio.file.Files.writeString(dir.resolve("ed.json"),
                new JWKSet(new OctetKeyPair.Builder(jwk).keyID("ed-1").build()).toString());
        TokenAccessController edController = TokenAccessController.create(TokenAuthSettings.builder().realm(REALM)
                .service(SERVICE).issuer(ISSUER).jwks(jwks).clock(clock).build());
        String signingInput = Jwts.b64("{\"alg\":\"EdDSA\",\"kid\":\"ed-1\"}") + "."
                + Jwts.b64(claims(List.of()).build().toString());
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(ed.getPrivate());
        signer.update(signingInput.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String token = signingInput + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
        assertThat(authorize(edController, token)).isInstanceOf(AccessDecision.Granted.class);
        assertThat(authorize(edController, token.substring(0, token.length() - 4) + "AAAA"))
                .isInstanceOf(AccessDecision.Refused.class);
    }
}
