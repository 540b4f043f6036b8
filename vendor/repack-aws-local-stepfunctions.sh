#!/usr/bin/env bash
# Rebuilds vendor/aws-local-stepfunctions-3.0.0-node20.tgz: the registry's aws-local-stepfunctions
# 3.0.0 (MIT), checked against its published integrity, with only `engines.node` lowered from
# >=22 to >=20. It is the only version published and declares Node 22, which makes `npm ci` warn
# on the Node 20 these machines run; on Node 20 it needs only Promise.withResolvers, which
# tools/drill/polyfill.ts provides. Run from the repository root; then `npm install` updates the lock.
set -euo pipefail
version=3.0.0
expected='sha512-Ey6alNmQOk+v1TcRItZakz+MgWTNyw11NOjOpyvohV9zt6s+C0THFHfnqR+PSaK62m1gRLYv4ZrFfEVlnBM0Sw=='
out="$PWD/vendor/aws-local-stepfunctions-$version-node20.tgz"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack "aws-local-stepfunctions@$version" --silent >/dev/null
actual="sha512-$(openssl dgst -sha512 -binary "aws-local-stepfunctions-$version.tgz" | base64 -w0)"
if [ "$actual" != "$expected" ]; then
  echo "aws-local-stepfunctions-$version.tgz: integrity $actual, expected $expected" >&2
  exit 1
fi
tar xzf "aws-local-stepfunctions-$version.tgz"
node -e '
  const fs = require("node:fs");
  const path = "package/package.json";
  const pkg = JSON.parse(fs.readFileSync(path, "utf8"));
  if (pkg.engines?.node !== ">=22.0.0") throw new Error(`unexpected engines ${JSON.stringify(pkg.engines)}`);
  pkg.engines.node = ">=20.0.0";
  fs.writeFileSync(path, `${JSON.stringify(pkg, null, 2)}\n`);
'
# Same bytes on every run: sorted names, fixed times and owners, no gzip timestamp.
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - package | gzip -n -9 >"$out"
echo "wrote ${out#"$OLDPWD"/}"
