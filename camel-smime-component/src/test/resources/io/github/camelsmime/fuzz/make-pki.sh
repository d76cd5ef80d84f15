#!/bin/sh
# Makes the fixed PKI of the fuzz tests (run once; the output is checked in so that inputs found by the fuzzer keep
# reaching the same decryption and verification paths in every later run). Test keys only, valid 2025-2125.
set -eu
cd "$(dirname "$0")"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$t/ca.key" -out ca.pem -days 36500 -subj "/CN=camel-smime fuzz CA" \
  -addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign,cRLSign
ee() { # name, key algorithm options, key usage
  openssl req -new -newkey "$2" $3 -nodes -keyout "$t/$1.key" -out "$t/$1.csr" -subj "/CN=$1/emailAddress=$1@example.com"
  printf 'basicConstraints=critical,CA:false\nkeyUsage=critical,%s\nextendedKeyUsage=emailProtection\nsubjectAltName=email:%s@example.com\n' \
    "$4" "$1" > "$t/$1.ext"
  openssl x509 -req -in "$t/$1.csr" -CA ca.pem -CAkey "$t/ca.key" -CAcreateserial -CAserial "$t/ca.srl" -days 36500 -sha256 \
    -extfile "$t/$1.ext" -out "$t/$1.pem"
  openssl pkcs12 -export -inkey "$t/$1.key" -in "$t/$1.pem" -certfile ca.pem -name "$1" -passout pass:fuzz \
    -out "$t/$1.p12"
}
ee fuzz rsa:2048 "" digitalSignature,keyEncipherment
ee fuzz-ec ec "-pkeyopt ec_paramgen_curve:P-256" digitalSignature,keyAgreement
cp "$t/fuzz.p12" fuzz.p12
keytool -importkeystore -noprompt -srckeystore "$t/fuzz-ec.p12" -srcstoretype PKCS12 -srcstorepass fuzz \
  -destkeystore fuzz.p12 -deststoretype PKCS12 -deststorepass fuzz
cp "$t/fuzz.pem" fuzz.pem
cp "$t/fuzz-ec.pem" fuzz-ec.pem
