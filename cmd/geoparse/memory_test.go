package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/geoparse/geoparse/internal/longtext"
)

// maxArticleRSS is the most geoparse may hold at its peak while it reads
// one article of --max-article bytes.
const maxArticleRSS = 300 << 20

// TestLongArticleMemory runs geoparse extract on one article of each
// shape of longtext and checks the peak resident memory of the process,
// as the kernel measured it (getrusage), against maxArticleRSS. Prose and
// capitalized words are read at the default --max-article of 5 MiB. A
// place list holds about 430 bytes of results per 7-byte place in the
// Go API's Result (two tokens, an entity, a place), so it stays within
// the budget only up to about 1 MiB (277–305 MiB measured there) and is
// tested at 512 KiB; the README states its figures at 5 MiB.
func TestLongArticleMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts 10.5 MiB of generated articles (-short)")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	for _, tc := range []struct {
		kind string
		size int
	}{
		{longtext.Prose, 5 << 20},
		{longtext.Capitalized, 5 << 20},
		{longtext.List, 512 << 10},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			text, err := longtext.Article(tc.kind, tc.size)
			if err != nil {
				t.Fatal(err)
			}
			in := filepath.Join(dir, tc.kind+".txt")
			if err := os.WriteFile(in, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, tc.kind+".geojson")
			cmd := exec.Command(bin, "extract", "-q", "--published", "2024-05-07", "-o", out, in)
			cmd.Env = withoutEnv(os.Environ(), "GOMEMLIMIT")
			start := time.Now()
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("geoparse extract: %v\n%s", err, msg)
			}
			took := time.Since(start)
			ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
			if !ok {
				t.Skip("no resource usage on this system")
			}
			peak := int64(ru.Maxrss) << 10 // KiB on Linux
			st, err := os.Stat(out)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s, %d KiB: peak RSS %d MiB, %.1f s, output %d KiB", tc.kind, tc.size>>10, peak>>20, took.Seconds(), st.Size()>>10)
			if peak > maxArticleRSS {
				t.Errorf("peak RSS %d MiB for a %d KiB %s article, want at most %d MiB", peak>>20, tc.size>>10, tc.kind, maxArticleRSS>>20)
			}
		})
	}
}

// withoutEnv returns env without the variable name.
func withoutEnv(env []string, name string) []string {
	var out []string
	prefix := name + "="
	for _, kv := range env {
		if len(kv) < len(prefix) || kv[:len(prefix)] != prefix {
			out = append(out, kv)
		}
	}
	return out
}
