package main

import (
	"context"
	"errors"
	"fmt"
	"net"

	"github.com/spf13/pflag"
	utilerrors "k8s.io/apimachinery/pkg/util/errors"
	"k8s.io/client-go/rest"
	basecompatibility "k8s.io/component-base/compatibility"
	logsapi "k8s.io/component-base/logs/api/v1"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
	"k8s.io/kubernetes/cmd/kube-apiserver/app/options"
)

type apiServerConfig struct {
	dir, etcdURL, serviceCIDR, nodePortRange string
	pki                                      *pkiFiles
}

type apiServer struct {
	url  string
	done chan struct{}
}

// startAPIServer runs kube-apiserver in this process with the same flags a kubeadm cluster
// passes, on a listener this process already holds (so there is no race for the port).
func startAPIServer(ctx context.Context, c apiServerConfig) (*apiServer, error) {
	s := options.NewServerRunOptions()
	fs := pflag.NewFlagSet("kube-apiserver", pflag.ContinueOnError)
	for _, set := range s.Flags().FlagSets {
		fs.AddFlagSet(set)
	}
	args := []string{
		"--etcd-servers=" + c.etcdURL,
		"--bind-address=127.0.0.1",
		"--advertise-address=127.0.0.1",
		"--cert-dir=" + c.dir,
		"--tls-cert-file=" + c.pki.servingCert,
		"--tls-private-key-file=" + c.pki.servingKey,
		"--client-ca-file=" + c.pki.caFile,
		"--token-auth-file=" + c.dir + "/tokens.csv",
		"--authorization-mode=Node,RBAC",
		"--allow-privileged=true",
		"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
		"--service-account-key-file=" + c.pki.serviceAccountKey,
		"--service-account-signing-key-file=" + c.pki.serviceAccountKey,
		"--service-cluster-ip-range=" + c.serviceCIDR,
		"--service-node-port-range=" + c.nodePortRange,
		"--profiling=false",
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s.SecureServing.Listener = listener
	s.SecureServing.BindPort = listener.Addr().(*net.TCPAddr).Port

	// What NewAPIServerCommand does before Run, minus its process-wide signal handler (ours is in main).
	registry := s.GenericServerRunOptions.ComponentGlobalsRegistry
	if err := registry.Set(); err != nil {
		return nil, err
	}
	rest.SetDefaultWarningHandler(rest.NoWarnings{})
	if err := logsapi.ValidateAndApply(s.Logs, registry.FeatureGateFor(basecompatibility.DefaultKubeComponent)); err != nil {
		return nil, err
	}
	completed, err := s.Complete(ctx)
	if err != nil {
		return nil, err
	}
	if errs := completed.Validate(); len(errs) != 0 {
		return nil, utilerrors.NewAggregate(errs)
	}
	api := &apiServer{url: fmt.Sprintf("https://127.0.0.1:%d", s.SecureServing.BindPort), done: make(chan struct{})}
	go func() {
		defer close(api.done)
		if err := app.Run(ctx, completed); err != nil && !errors.Is(err, context.Canceled) {
			logError("kube-apiserver", err)
		}
	}()
	return api, nil
}
