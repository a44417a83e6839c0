#!/usr/bin/env bash
# go doc of each package shows only what other packages use: .ci/surface
# lists every exported identifier of the module's packages (commands
# aside) and fails on those no other package uses — by name, through an
# interface it implements, or by reflection (encoding/json, yaml, templates,
# reflect). Its own tests run first, on the fixture module in
# .ci/surface/testdata/mod, so that a checker that stopped finding anything
# cannot pass the second step by accident. Run it by hand with
#
#   go run ./.ci/surface -v    # every identifier and how it is used
set -euo pipefail
# shellcheck source=.ci/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$ROOT"

check "the checker's tests (go test ./.ci/surface)" go test -count=1 ./.ci/surface
check "go vet ./.ci/surface" go vet ./.ci/surface
check "every exported identifier is used by another package (go run ./.ci/surface)" go run ./.ci/surface
finish
