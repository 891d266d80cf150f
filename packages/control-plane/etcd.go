package main

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"time"

	"go.etcd.io/etcd/server/v3/embed"
)

type etcdServer struct {
	url   string
	close func()
}

// startEtcd runs a single-member etcd on loopback. fsync is off: the data lives for one test run.
func startEtcd(dir string) (*etcdServer, error) {
	var lastErr error
	// Ports are picked free then bound by etcd: retry in the rare case another process took one meanwhile.
	for attempt := 0; attempt < 3; attempt++ {
		clientURL, peerURL := freeURL(), freeURL()
		if clientURL == nil || peerURL == nil {
			return nil, errors.New("no free loopback port")
		}
		cfg := embed.NewConfig()
		cfg.Name = "portico"
		cfg.Dir = dir
		cfg.Logger = "zap"
		// Only fatal: at "error" etcd reports its own clean shutdown ("server closed") with stack traces.
		cfg.LogLevel = "fatal"
		cfg.LogOutputs = []string{"stderr"}
		cfg.UnsafeNoFsync = true
		// One member elects itself: short ticks make that take tens of milliseconds, not up to a second.
		cfg.TickMs = 10
		cfg.ElectionMs = 100
		cfg.ListenClientUrls = []url.URL{*clientURL}
		cfg.AdvertiseClientUrls = []url.URL{*clientURL}
		cfg.ListenPeerUrls = []url.URL{*peerURL}
		cfg.AdvertisePeerUrls = []url.URL{*peerURL}
		cfg.InitialCluster = cfg.InitialClusterFromName(cfg.Name)
		e, err := embed.StartEtcd(cfg)
		if err != nil {
			lastErr = err
			continue
		}
		select {
		case <-e.Server.ReadyNotify():
			return &etcdServer{url: clientURL.String(), close: e.Close}, nil
		case err := <-e.Err():
			e.Close()
			lastErr = err
		case <-time.After(30 * time.Second):
			e.Close()
			return nil, errors.New("etcd did not become ready within 30s")
		}
	}
	return nil, fmt.Errorf("could not start: %w", lastErr)
}

func freeURL() *url.URL {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil
	}
	defer l.Close()
	return &url.URL{Scheme: "http", Host: l.Addr().String()}
}
