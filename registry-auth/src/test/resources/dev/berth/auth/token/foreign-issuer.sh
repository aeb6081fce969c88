#!/usr/bin/env bash
# Issues a registry token with nothing but the openssl command line and coreutils, the way a
# foreign issuer (GitLab, a script, another language) would: no Berth code, no JWT library.
# Usage: foreign-issuer.sh <dir> <issuer> <service> <now-epoch-seconds>
# Writes <dir>/registry.key (PKCS#1), registry.crt (self-signed), kid and token.
set -euo pipefail
dir=$1 issuer=$2 service=$3 now=$4
cd "$dir"

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out key.pk8 2>/dev/null
openssl rsa -in key.pk8 -traditional -out registry.key 2>/dev/null
openssl req -new -x509 -key registry.key -out registry.crt -days 2 -subj "/CN=foreign-issuer" 2>/dev/null

# libtrust key ID: SHA-256 of the DER SubjectPublicKeyInfo, first 240 bits, base32, 12 groups of 4.
kid=$(openssl pkey -in registry.key -pubout -outform DER | openssl dgst -sha256 -binary | head -c 30 \
  | base32 -w0 | tr -d '=' | sed -E 's/(.{4})/\1:/g; s/:$//')

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
header=$(printf '{"typ":"JWT","alg":"RS256","kid":"%s"}' "$kid" | b64url)
payload=$(printf '{"iss":"%s","sub":"foreign-user","aud":"%s","exp":%d,"nbf":%d,"iat":%d,"jti":"%s","access":[{"type":"repository","name":"foreign/app","actions":["pull","push"]}]}' \
  "$issuer" "$service" $((now + 300)) "$now" "$now" "$(openssl rand -hex 8)" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign registry.key -binary | b64url)

printf '%s' "$kid" > kid
printf '%s.%s.%s' "$header" "$payload" "$signature" > token
