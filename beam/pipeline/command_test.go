package pipeline_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/geoparse/geoparse/beam/pipeline"
)

var (
	beamOnce sync.Once
	beamPath string
	beamErr  error
)

// buildBeam builds the geoparse-beam command once per test run, in a
// folder any user can read (TestCommandExitStatus runs it unprivileged).
func buildBeam(t *testing.T) string {
	t.Helper()
	beamOnce.Do(func() {
		dir, err := os.MkdirTemp("", "geoparse-beam-")
		if err != nil {
			beamErr = err
			return
		}
		beamPath = filepath.Join(dir, "geoparse-beam")
		cmd := exec.Command("go", "build", "-o", beamPath, "./cmd/geoparse-beam")
		cmd.Dir = ".." // the beam module
		if out, err := cmd.CombinedOutput(); err != nil {
			beamErr = fmt.Errorf("go build ./cmd/geoparse-beam: %w\n%s", err, out)
			return
		}
		beamErr = os.Chmod(dir, 0o755)
	})
	if beamErr != nil {
		t.Fatal(beamErr)
	}
	return beamPath
}

// nobody is the user the unreadable-file case runs as when the tests run
// as root, who can read any file.
const nobody = 65534

// unprivileged makes cmd run as nobody when the tests run as root, and
// opens the folders of the binaries to that user (the test's own are
// publicTempDir).
func unprivileged(t *testing.T) func(*exec.Cmd) {
	t.Helper()
	if os.Geteuid() != 0 {
		return nil
	}
	for _, d := range []string{filepath.Dir(buildCLI(t)), filepath.Dir(buildBeam(t))} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return func(cmd *exec.Cmd) {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	}
}

// publicTempDir is a temporary folder that another user can use.
func publicTempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "geoparse-beam-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestCommandExitStatus runs geoparse-beam (on Prism) and geoparse
// extract on the same inputs: their exit statuses must agree, 0 when all
// is well, 1 when a document or a file failed (with the errors file
// naming it), 2 for a bad command line.
func TestCommandExitStatus(t *testing.T) {
	bin := buildBeam(t)
	for _, tc := range []struct {
		name string
		// lay puts the inputs in dir and returns the CLI's and the
		// pipeline's arguments for them.
		lay        func(t *testing.T, dir string) (cliArgs, beamArgs []string)
		unreadable bool // the case needs a file its user cannot read
		want       int
		wantFile   string // a file the errors must name, with an empty id
		wantMsg    string // and the message they give for it
	}{
		{"all good", func(t *testing.T, dir string) ([]string, []string) {
			copyFixture(t, dir, "harbor-fire.txt", "lyon-floods.txt")
			return []string{dir}, []string{"--input", filepath.Join(dir, "*")}
		}, false, pipeline.ExitOK, "", ""},
		{"documents failed", func(t *testing.T, dir string) ([]string, []string) {
			copyFixture(t, dir, "harbor-fire.txt", "batch.jsonl")
			return []string{dir}, []string{"--input", filepath.Join(dir, "*")}
		}, false, pipeline.ExitFailed, "", ""},
		{"dangling link", func(t *testing.T, dir string) ([]string, []string) {
			copyFixture(t, dir, "harbor-fire.txt")
			if err := os.Symlink(filepath.Join(dir, "gone.jsonl"), filepath.Join(dir, "dangling.jsonl")); err != nil {
				t.Fatal(err)
			}
			return []string{dir}, []string{"--input", filepath.Join(dir, "*")}
		}, false, pipeline.ExitFailed, "dangling.jsonl", "symbolic link to nothing readable: no such file or directory"},
		{"unreadable file", func(t *testing.T, dir string) ([]string, []string) {
			copyFixture(t, dir, "harbor-fire.txt")
			if err := os.WriteFile(filepath.Join(dir, "locked.txt"), []byte("Floods hit Lyon on Tuesday."), 0o000); err != nil {
				t.Fatal(err)
			}
			return []string{dir}, []string{"--input", filepath.Join(dir, "*")}
		}, true, pipeline.ExitFailed, "locked.txt", "permission denied"},
		{"bad input format", func(t *testing.T, dir string) ([]string, []string) {
			copyFixture(t, dir, "harbor-fire.txt")
			return []string{"--input", "csv", dir}, []string{"--input-format", "csv", "--input", filepath.Join(dir, "*")}
		}, false, pipeline.ExitUsage, "", ""},
		{"malformed glob", func(t *testing.T, dir string) ([]string, []string) {
			// The CLI takes no globs: its usage error here is a flag.
			return []string{"--no-such-flag", dir}, []string{"--input", filepath.Join(dir, "[")}
		}, false, pipeline.ExitUsage, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := publicTempDir(t)
			in, out := filepath.Join(root, "in"), filepath.Join(root, "out")
			for _, d := range []string{in, out} {
				if err := os.Mkdir(d, 0o777); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(d, 0o777); err != nil { // whatever the umask
					t.Fatal(err)
				}
			}
			cliArgs, beamArgs := tc.lay(t, in)
			var as func(*exec.Cmd)
			if tc.unreadable {
				as = unprivileged(t)
			}

			cliCode, cliMsg := runCLI(t, as, append([]string{"extract", "-q", "--format", "geojsonseq", "-o", filepath.Join(out, "cli.geojsonl")}, cliArgs...)...)
			if cliCode != tc.want {
				t.Fatalf("geoparse extract: exit status %d, want %d\n%s", cliCode, tc.want, cliMsg)
			}
			errorsFile := filepath.Join(out, "errors.jsonl")
			code, msg := runCommand(t, bin, as, append([]string{"--output", filepath.Join(out, "beam"), "--errors", errorsFile}, beamArgs...)...)
			if code != cliCode {
				t.Fatalf("geoparse-beam: exit status %d, want the CLI's %d\n%s", code, cliCode, msg)
			}
			switch code {
			case pipeline.ExitFailed:
				if !strings.Contains(msg, "documents failed; see "+errorsFile) {
					t.Errorf("stderr does not say that documents failed:\n%s", msg)
				}
			case pipeline.ExitUsage:
				if !strings.Contains(msg, "Run 'geoparse-beam --help' for usage.") {
					t.Errorf("stderr has no usage hint:\n%s", msg)
				}
			}
			if tc.wantFile != "" {
				path := filepath.Join(in, tc.wantFile)
				if r := recordFor(errorRecords(t, errorsFile), path); r == nil || r["id"] != "" || r["message"] != tc.wantMsg {
					t.Errorf("record for %s: %v, want an empty id and %q", path, r, tc.wantMsg)
				}
				if len(lines(t, filepath.Join(out, "beam-00000-of-00001.geojsonl"))) == 0 {
					t.Error("no features: the job did not go on past the bad file")
				}
			}
		})
	}
	t.Run("unexpected argument", func(t *testing.T) {
		out := t.TempDir()
		code, msg := runCommand(t, bin, nil, "--output", filepath.Join(out, "beam"), "corpus.jsonl")
		if code != pipeline.ExitUsage || !strings.Contains(msg, `unexpected argument "corpus.jsonl"`) {
			t.Errorf("exit status %d, want %d with the argument named\n%s", code, pipeline.ExitUsage, msg)
		}
	})
}

// TestCommandInterrupted sends SIGINT to a running geoparse-beam: it must
// exit with status 130, as geoparse extract does, and leave no output
// file under its final name.
func TestCommandInterrupted(t *testing.T) {
	bin := buildBeam(t)
	dir, out := t.TempDir(), t.TempDir()
	// Far more work than the signal takes to arrive: 10,000 articles,
	// seconds of extraction.
	text, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata", "articles", "harbor-fire.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i := range 10000 {
		fmt.Fprintf(&b, "{\"id\": \"doc-%d\", \"text\": %q}\n", i, text)
	}
	in := filepath.Join(dir, "many.jsonl")
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--input", in, "--output", filepath.Join(out, "beam"))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Prism says when the job runs: the signal handler is set by then.
	var log strings.Builder
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		log.WriteString(sc.Text() + "\n")
		if strings.Contains(sc.Text(), "state: RUNNING") {
			break
		}
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	rest, _ := io.ReadAll(stderr)
	log.Write(rest)
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != pipeline.ExitInterrupted {
		t.Fatalf("geoparse-beam after SIGINT: %v, want exit status %d\n%s", err, pipeline.ExitInterrupted, log.String())
	}
	if !strings.Contains(log.String(), "interrupted") {
		t.Errorf("stderr does not say it was interrupted:\n%s", log.String())
	}
	for _, name := range []string{"beam-00000-of-00001.geojsonl", "beam-errors.jsonl"} {
		if _, err := os.Stat(filepath.Join(out, name)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s after an interrupted run: %v, want none", name, err)
		}
	}
}

// TestExitStatus checks the mapping of a run's outcome to the CLI's exit
// statuses, for the cases a run of the command cannot easily reach.
func TestExitStatus(t *testing.T) {
	for _, tc := range []struct {
		err         error
		failed      int64
		interrupted bool
		want        int
	}{
		{nil, 0, false, pipeline.ExitOK},
		{nil, 3, false, pipeline.ExitFailed},
		{errors.New("worker lost"), 0, false, pipeline.ExitFailed},
		{fmt.Errorf("pipeline: %w", &pipeline.ConfigError{Err: errors.New("no input")}), 0, false, pipeline.ExitUsage},
		{fmt.Errorf("run: %w", context.Canceled), 0, false, pipeline.ExitInterrupted},
		{errors.New("job failed"), 2, true, pipeline.ExitInterrupted},
	} {
		if got := pipeline.ExitStatus(tc.err, tc.failed, tc.interrupted); got != tc.want {
			t.Errorf("ExitStatus(%v, %d, %v) = %d, want %d", tc.err, tc.failed, tc.interrupted, got, tc.want)
		}
	}
}
