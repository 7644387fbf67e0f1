package main

import (
	"errors"
	"fmt"
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
			start := time.Now()
			peak, msg, err := measuredPeakRSS(bin, "extract", "-q", "--published", "2024-05-07", "-o", out, in)
			if err != nil {
				t.Fatalf("geoparse extract: %v\n%s", err, msg)
			}
			took := time.Since(start)
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

// peakRSSEnv makes the test binary a launcher: it runs the command after
// it and prints the command's peak resident memory.
const peakRSSEnv = "GEOPARSE_TEST_PEAK_RSS"

// TestMain runs the tests, or the launcher of measuredPeakRSS.
func TestMain(m *testing.M) {
	if os.Getenv(peakRSSEnv) != "" {
		os.Exit(launchMeasured(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// measuredPeakRSS runs name with args and returns its peak resident memory in
// bytes, as the kernel measured it. The kernel keeps a process's peak
// across fork and exec, so a child of this test process, grown big by
// earlier tests, would report at least this process's size: the command
// is run by a fresh, small copy of the test binary instead, which
// reports the peak of its own child.
func measuredPeakRSS(name string, args ...string) (int64, []byte, error) {
	cmd := exec.Command(os.Args[0], append([]string{name}, args...)...)
	cmd.Env = append(withoutEnv(os.Environ(), "GOMEMLIMIT"), peakRSSEnv+"=1")
	out, err := cmd.Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			out = append(out, exit.Stderr...)
		}
		return 0, out, err
	}
	var kib int64
	if _, err := fmt.Sscanf(string(out), "maxrss_kib %d", &kib); err != nil {
		return 0, out, fmt.Errorf("launcher said %q: %w", out, err)
	}
	return kib << 10, out, nil
}

// launchMeasured runs args and prints "maxrss_kib N" for it; it returns
// the exit status to end with.
func launchMeasured(args []string) int {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = withoutEnv(os.Environ(), peakRSSEnv)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		fmt.Fprintln(os.Stderr, "no resource usage on this system")
		return 1
	}
	fmt.Printf("maxrss_kib %d\n", ru.Maxrss) // KiB on Linux
	return 0
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
