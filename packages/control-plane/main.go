// Command control-plane runs a real, throwaway Kubernetes control plane for Portico's tests:
// embedded etcd + kube-apiserver in this process, kube-controller-manager in a child process
// (the same binary re-executed), all from one pinned Kubernetes release (see go.mod).
// Once /readyz answers and the Gateway API and cert-manager CRDs are served it prints one JSON
// line on stdout; SIGTERM/SIGINT (or stdin closing, with --exit-with-stdin) stops it and
// removes its temporary directory. There is no scheduler and no kubelet: Pods stay Pending.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

type settings struct {
	kubeconfig     string
	serviceCIDR    string
	nodePortRange  string
	installCRDs    bool
	exitWithStdin  bool
	controllers    bool
	waitForDefault bool
}

func main() {
	// The controller-manager runs as a child process so that its global state (flags, feature
	// gates, metrics registries) never mixes with the apiserver's.
	if len(os.Args) > 1 && os.Args[1] == controllerManagerSubcommand {
		os.Exit(runControllerManager(os.Args[2:]))
	}
	var s settings
	flag.StringVar(&s.kubeconfig, "kubeconfig", "", "where to write the admin kubeconfig (required)")
	flag.StringVar(&s.serviceCIDR, "service-cluster-ip-range", "10.96.0.0/12", "Service ClusterIP range")
	flag.StringVar(&s.nodePortRange, "service-node-port-range", "30000-32767", "NodePort range")
	flag.BoolVar(&s.installCRDs, "crds", true, "install the Gateway API (standard) and cert-manager CRDs")
	flag.BoolVar(&s.controllers, "controller-manager", true, "run kube-controller-manager")
	flag.BoolVar(&s.waitForDefault, "wait-for-controllers", true, "report ready only once the controller-manager has created the default ServiceAccount")
	flag.BoolVar(&s.exitWithStdin, "exit-with-stdin", false, "shut down when stdin closes (so a crashed parent leaves nothing running)")
	flag.Parse()
	if s.kubeconfig == "" {
		fmt.Fprintln(os.Stderr, "control-plane: --kubeconfig is required")
		os.Exit(2)
	}
	if err := run(s); err != nil {
		fmt.Fprintf(os.Stderr, "control-plane: %v\n", err)
		os.Exit(1)
	}
}

func run(s settings) error {
	started := time.Now()
	// Each start-up phase's time goes to stderr: start-up speed is what decides whether tests can afford this.
	phase := func(name string) {
		fmt.Fprintf(os.Stderr, "control-plane: %s after %d ms\n", name, time.Since(started).Milliseconds())
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	if s.exitWithStdin {
		// A parent that died took our stdout/stderr pipes with it: without this the first log line
		// would kill us with SIGPIPE before the temporary directory is removed.
		signal.Ignore(syscall.SIGPIPE)
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	dir, err := os.MkdirTemp("", "portico-control-plane-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	pki, err := writePKI(dir, s.serviceCIDR)
	if err != nil {
		return fmt.Errorf("certificates: %w", err)
	}
	etcd, err := startEtcd(filepath.Join(dir, "etcd"))
	if err != nil {
		return fmt.Errorf("etcd: %w", err)
	}
	defer func() {
		etcd.close()
		phase("etcd stopped")
	}()
	phase("etcd ready")

	apiCtx, stopAPI := context.WithCancel(context.Background())
	api, err := startAPIServer(apiCtx, apiServerConfig{dir: dir, pki: pki, etcdURL: etcd.url, serviceCIDR: s.serviceCIDR, nodePortRange: s.nodePortRange})
	if err != nil {
		stopAPI()
		return fmt.Errorf("kube-apiserver: %w", err)
	}
	// Stop order matters: controllers first, then the apiserver, then etcd (deferred above).
	defer func() {
		stopAPI()
		select {
		case <-api.done:
			phase("kube-apiserver stopped")
		case <-time.After(15 * time.Second):
			fmt.Fprintln(os.Stderr, "control-plane: kube-apiserver did not stop within 15s")
		}
	}()
	if err := writeKubeconfig(s.kubeconfig, api.url, pki); err != nil {
		return err
	}
	adminKubeconfig := filepath.Join(dir, "admin.kubeconfig")
	if err := writeKubeconfig(adminKubeconfig, api.url, pki); err != nil {
		return err
	}

	client, err := newClients(api.url, pki)
	if err != nil {
		return err
	}
	if err := client.waitReadyz(ctx, api.done); err != nil {
		return err
	}
	phase("kube-apiserver ready")
	var kcm *childProcess
	if s.controllers {
		kcm, err = startControllerManager(dir, adminKubeconfig, pki)
		if err != nil {
			return fmt.Errorf("kube-controller-manager: %w", err)
		}
		defer func() {
			kcm.stop(10 * time.Second)
			phase("kube-controller-manager stopped")
		}()
	}
	if s.installCRDs {
		if err := client.installCRDs(ctx); err != nil {
			return fmt.Errorf("CRDs: %w", err)
		}
		phase("CRDs established and listable")
	}
	if kcm != nil && s.waitForDefault {
		if err := client.waitDefaultServiceAccount(ctx, kcm.done); err != nil {
			return err
		}
		phase("kube-controller-manager running")
	}

	line, _ := json.Marshal(map[string]any{
		"ready":      true,
		"server":     api.url,
		"kubeconfig": s.kubeconfig,
		"caFile":     pki.caFile,
		"tokenFile":  pki.tokenFile,
		"startupMs":  time.Since(started).Milliseconds(),
	})
	fmt.Println(string(line))

	var kcmDone <-chan struct{}
	if kcm != nil {
		kcmDone = kcm.done
	}
	select {
	case <-ctx.Done():
		return nil
	case <-api.done:
		return errors.New("kube-apiserver stopped unexpectedly")
	case <-kcmDone:
		return errors.New("kube-controller-manager stopped unexpectedly")
	}
}
