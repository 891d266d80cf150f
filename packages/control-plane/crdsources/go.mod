// Not compiled: this module only pins (and, through go.sum, checksums) the releases whose CRD
// manifests internal/crdmanifests/gen copies. A separate module so that their Go dependencies
// never take part in version selection for the control plane itself.
module github.com/portico/control-plane/crdsources

go 1.26.0

require (
	github.com/cert-manager/cert-manager v1.21.2
	sigs.k8s.io/gateway-api v1.6.3
)
