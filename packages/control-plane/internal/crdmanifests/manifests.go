// Package crdmanifests embeds the Gateway API (standard channel) and cert-manager CRDs, copied
// at build time from their released Go modules (versions pinned, checksums in
// crdsources/go.sum) into generated/, which is git-ignored: no CRD YAML lives in the repository.
package crdmanifests

//go:generate go run ./gen

import (
	"embed"
	"io/fs"
)

//go:embed generated/*.yaml
var generated embed.FS

// Files returns every CRD manifest by file name.
func Files() (map[string][]byte, error) {
	entries, err := fs.ReadDir(generated, "generated")
	if err != nil {
		return nil, err
	}
	files := make(map[string][]byte, len(entries))
	for _, e := range entries {
		data, err := generated.ReadFile("generated/" + e.Name())
		if err != nil {
			return nil, err
		}
		files[e.Name()] = data
	}
	return files, nil
}
