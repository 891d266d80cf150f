package main

import (
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"k8s.io/kubernetes/cmd/kube-controller-manager/app"
)

const controllerManagerSubcommand = "kube-controller-manager"

// The controllers whose effects Portico reads (EndpointSlices, Deployments → ReplicaSets,
// namespace deletion, default ServiceAccounts, aggregated admin/edit/view roles). Node, volume,
// IPAM and cloud controllers stay off: there are no nodes.
var controllers = []string{
	"endpoints-controller",
	"endpointslice-controller",
	"endpointslice-mirroring-controller",
	"deployment-controller",
	"replicaset-controller",
	"statefulset-controller",
	"daemonset-controller",
	"job-controller",
	"cronjob-controller",
	"namespace-controller",
	"garbage-collector-controller",
	"serviceaccount-controller",
	"serviceaccount-token-controller",
	"root-ca-certificate-publisher-controller",
	"clusterrole-aggregation-controller",
	"service-cidr-controller",
}

type childProcess struct {
	cmd  *exec.Cmd
	done chan struct{}
}

func startControllerManager(dir, kubeconfig string, pki *pkiFiles) (*childProcess, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(self, controllerManagerSubcommand,
		"--kubeconfig="+kubeconfig,
		"--secure-port=0",
		"--leader-elect=false",
		"--controllers="+strings.Join(controllers, ","),
		"--service-account-private-key-file="+pki.serviceAccountKey,
		"--root-ca-file="+pki.caFile,
		"--use-service-account-credentials=false",
	)
	cmd.Dir = dir
	// Its output goes to stderr: stdout carries only the ready line.
	cmd.Stdout = os.Stderr
	cmd.Stderr = os.Stderr
	// The child dies with this process even if this one is killed with SIGKILL.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &childProcess{cmd: cmd, done: make(chan struct{})}
	go func() {
		_ = cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

func (p *childProcess) stop(grace time.Duration) {
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(grace):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

func runControllerManager(args []string) int {
	cmd := app.NewControllerManagerCommand()
	cmd.SetArgs(args)
	if err := cmd.Execute(); err != nil {
		return 1
	}
	return 0
}
