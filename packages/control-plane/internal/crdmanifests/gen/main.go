// Command gen copies the CRD manifests out of the modules pinned in crdsources/go.mod (fetched
// and checksum-verified by `go mod download`) into ../generated. Run by `go generate`.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// Where each module keeps its CRDs. cert-manager's deploy/crds are the controller-gen output
// its Helm chart wraps (the chart adds labels and an install switch, not schema).
var sources = map[string]string{
	"sigs.k8s.io/gateway-api":              "config/crd/standard/*.yaml",
	"github.com/cert-manager/cert-manager": "deploy/crds/*.yaml",
}

var isCRD = regexp.MustCompile(`(?m)^kind: CustomResourceDefinition$`)

type module struct {
	Path, Version, Dir, Error string
}

func main() {
	if err := run("../../crdsources", "generated"); err != nil {
		fmt.Fprintf(os.Stderr, "crdmanifests: %v\n", err)
		os.Exit(1)
	}
}

func run(sourcesDir, outDir string) error {
	args := []string{"mod", "download", "-json"}
	for path := range sources {
		args = append(args, path)
	}
	cmd := exec.Command("go", args...)
	cmd.Dir = sourcesDir
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("go mod download in %s: %w", sourcesDir, err)
	}
	if err := os.RemoveAll(outDir); err != nil {
		return err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	copied := 0
	for {
		var m module
		if err := dec.Decode(&m); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return err
		}
		if m.Error != "" {
			return fmt.Errorf("%s: %s", m.Path, m.Error)
		}
		matches, err := filepath.Glob(filepath.Join(m.Dir, sources[m.Path]))
		if err != nil || len(matches) == 0 {
			return fmt.Errorf("%s@%s: no files match %s", m.Path, m.Version, sources[m.Path])
		}
		for _, file := range matches {
			data, err := os.ReadFile(file)
			if err != nil {
				return err
			}
			// Only single-document CRDs: gateway-api ships a ValidatingAdmissionPolicy beside them.
			if !isCRD.Match(data) || strings.Contains(string(data), "\n---") {
				continue
			}
			if err := os.WriteFile(filepath.Join(outDir, filepath.Base(file)), data, 0o644); err != nil {
				return err
			}
			copied++
		}
		fmt.Fprintf(os.Stderr, "crdmanifests: %s@%s: %d files\n", m.Path, m.Version, len(matches))
	}
	if copied == 0 {
		return errors.New("no CRDs copied")
	}
	return nil
}
