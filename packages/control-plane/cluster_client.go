package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"time"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	apiextensions "k8s.io/apiextensions-apiserver/pkg/client/clientset/clientset"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/yaml"

	"golang.org/x/sync/errgroup"

	"github.com/portico/control-plane/internal/crdmanifests"
)

const pollInterval = 50 * time.Millisecond

type clusterClient struct {
	core       kubernetes.Interface
	extensions apiextensions.Interface
}

func newClients(url string, pki *pkiFiles) (*clusterClient, error) {
	cfg := &rest.Config{Host: url, BearerToken: pki.adminToken, TLSClientConfig: rest.TLSClientConfig{CAData: pki.caPEM}, QPS: 100, Burst: 200}
	core, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return nil, err
	}
	ext, err := apiextensions.NewForConfig(cfg)
	if err != nil {
		return nil, err
	}
	return &clusterClient{core: core, extensions: ext}, nil
}

// poll calls check until it reports done, the context ends, or the component behind `died` stops.
func poll(ctx context.Context, died <-chan struct{}, what string, check func() (bool, error)) error {
	deadline := time.After(2 * time.Minute)
	var last error
	for {
		done, err := check()
		if done {
			return nil
		}
		if err != nil {
			last = err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-died:
			return fmt.Errorf("stopped while waiting for %s", what)
		case <-deadline:
			return fmt.Errorf("timed out waiting for %s (last error: %v)", what, last)
		case <-time.After(pollInterval):
		}
	}
}

func (c *clusterClient) waitReadyz(ctx context.Context, died <-chan struct{}) error {
	return poll(ctx, died, "kube-apiserver /readyz", func() (bool, error) {
		var status int
		err := c.core.Discovery().RESTClient().Get().AbsPath("/readyz").Do(ctx).StatusCode(&status).Error()
		return err == nil && status == 200, err
	})
}

// installCRDs creates every embedded CRD, then waits until each is Established and its group
// is in discovery, so a client that starts right after the ready line sees them.
func (c *clusterClient) installCRDs(ctx context.Context) error {
	files, err := crdmanifests.Files()
	if err != nil {
		return err
	}
	var names, groups []string
	var crds []*apiextensionsv1.CustomResourceDefinition
	for name, data := range files {
		crd := &apiextensionsv1.CustomResourceDefinition{}
		if err := yaml.UnmarshalStrict(data, crd); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		crds = append(crds, crd)
		names = append(names, crd.Name)
		if !slices.Contains(groups, crd.Spec.Group) {
			groups = append(groups, crd.Spec.Group)
		}
	}
	// All at once: the apiserver compiles each schema on its own, and start-up time is what matters here.
	var created errgroup.Group
	for _, crd := range crds {
		created.Go(func() error {
			if _, err := c.extensions.ApiextensionsV1().CustomResourceDefinitions().Create(ctx, crd, metav1.CreateOptions{}); err != nil && !apierrors.IsAlreadyExists(err) {
				return fmt.Errorf("create %s: %w", crd.Name, err)
			}
			return nil
		})
	}
	if err := created.Wait(); err != nil {
		return err
	}
	for _, name := range names {
		err := poll(ctx, nil, "CRD "+name+" Established", func() (bool, error) {
			crd, err := c.extensions.ApiextensionsV1().CustomResourceDefinitions().Get(ctx, name, metav1.GetOptions{})
			if err != nil {
				return false, err
			}
			for _, cond := range crd.Status.Conditions {
				if cond.Type == apiextensionsv1.Established && cond.Status == apiextensionsv1.ConditionTrue {
					return true, nil
				}
			}
			return false, nil
		})
		if err != nil {
			return err
		}
	}
	// Established is not enough: until a resource's watch cache has filled, lists answer
	// 429 "storage is (re)initializing". A ready cluster answers every list.
	for _, crd := range crds {
		path := fmt.Sprintf("/apis/%s/%s/%s", crd.Spec.Group, crd.Spec.Versions[0].Name, crd.Spec.Names.Plural)
		err := poll(ctx, nil, "a list of "+crd.Name, func() (bool, error) {
			err := c.core.Discovery().RESTClient().Get().AbsPath(path).Param("limit", "1").Do(ctx).Error()
			return err == nil, err
		})
		if err != nil {
			return err
		}
	}
	return poll(ctx, nil, "CRD groups in discovery", func() (bool, error) {
		list, err := c.core.Discovery().ServerGroups()
		if err != nil {
			return false, err
		}
		served := make([]string, 0, len(list.Groups))
		for _, g := range list.Groups {
			served = append(served, g.Name)
		}
		for _, g := range groups {
			if !slices.Contains(served, g) {
				return false, nil
			}
		}
		return true, nil
	})
}

// The serviceaccount controller creates `default` in every namespace: once it exists in
// "default", the controller-manager is connected and running its controllers.
func (c *clusterClient) waitDefaultServiceAccount(ctx context.Context, died <-chan struct{}) error {
	return poll(ctx, died, "the default ServiceAccount (kube-controller-manager)", func() (bool, error) {
		_, err := c.core.CoreV1().ServiceAccounts("default").Get(ctx, "default", metav1.GetOptions{})
		return err == nil, err
	})
}

func logError(component string, err error) {
	if err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintf(os.Stderr, "control-plane: %s: %v\n", component, err)
	}
}
