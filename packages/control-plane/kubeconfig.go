package main

import (
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// writeKubeconfig writes an admin kubeconfig with the CA inline, as `kubeadm` writes admin.conf
// (but with a bearer token instead of a client certificate).
func writeKubeconfig(path, server string, pki *pkiFiles) error {
	cfg := clientcmdapi.NewConfig()
	cfg.Clusters["portico-control-plane"] = &clientcmdapi.Cluster{Server: server, CertificateAuthorityData: pki.caPEM}
	cfg.AuthInfos["portico-admin"] = &clientcmdapi.AuthInfo{Token: pki.adminToken}
	cfg.Contexts["portico-control-plane"] = &clientcmdapi.Context{Cluster: "portico-control-plane", AuthInfo: "portico-admin", Namespace: "default"}
	cfg.CurrentContext = "portico-control-plane"
	return clientcmd.WriteToFile(*cfg, path)
}
