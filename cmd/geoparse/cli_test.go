package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// execArgs runs a command line as main does and returns its exit status.
func execArgs(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = execute(t.Context(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	good := fixture("lyon-floods.txt")
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string // on stderr
	}{
		{"all good", []string{"extract", good}, exitOK, ""},
		{"a document failed", []string{"extract", good, "missing.txt"}, exitFailed, "1 of 2 documents failed"},
		{"unknown flag", []string{"extract", "--formt", "jsonl", good}, exitUsage, "unknown flag: --formt"},
		{"unknown command", []string{"extrakt", good}, exitUsage, `unknown command "extrakt"`},
		{"bad flag value", []string{"extract", "--workers", "two", good}, exitUsage, "--workers"},
		{"bad format", []string{"extract", "--format", "kml", good}, exitUsage, `--format: "kml": want geojson`},
		{"no such day", []string{"extract", "--published", "2022-02-30", good}, exitUsage, "the day does not exist: February 2022 has 28 days"},
		{"resume without -o", []string{"extract", "--resume", good}, exitUsage, "--resume needs -o"},
		{"wrong arguments", []string{"schema"}, exitUsage, "accepts 1 arg"},
		{"unknown schema", []string{"schema", "kml"}, exitUsage, `schema "kml"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := execArgs(t, "", tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
			if !strings.Contains(stderr, tc.msg) {
				t.Errorf("stderr lacks %q:\n%s", tc.msg, stderr)
			}
		})
	}
}

// TestConfigStrict: config files and the environment are read strictly,
// and errors name the key and where it came from.
func TestConfigStrict(t *testing.T) {
	good, err := filepath.Abs(fixture("lyon-floods.txt"))
	if err != nil {
		t.Fatal(err)
	}
	write := func(t *testing.T, name, content string) {
		t.Helper()
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("unknown key", func(t *testing.T) {
		t.Chdir(t.TempDir())
		write(t, "geoparse.yaml", "format: jsonl\nformt: geojson\n")
		code, _, stderr := execArgs(t, "", "extract", good)
		if code != exitUsage || !strings.Contains(stderr, `unknown key "formt"`) || !strings.Contains(stderr, "geoparse.yaml") {
			t.Errorf("exit %d: %s", code, stderr)
		}
	})
	t.Run("bad value in the file", func(t *testing.T) {
		t.Chdir(t.TempDir())
		write(t, "geoparse.yaml", "workers: two\n")
		code, _, stderr := execArgs(t, "", "extract", good)
		if code != exitUsage || !strings.Contains(stderr, `workers in geoparse.yaml: "two" is not a whole number`) {
			t.Errorf("exit %d: %s", code, stderr)
		}
	})
	t.Run("bad value in the environment", func(t *testing.T) {
		t.Chdir(t.TempDir())
		t.Setenv("GEOPARSE_WORKERS", "abc")
		code, _, stderr := execArgs(t, "", "extract", good)
		if code != exitUsage || !strings.Contains(stderr, `GEOPARSE_WORKERS: "abc" is not a whole number`) {
			t.Errorf("exit %d: %s", code, stderr)
		}
	})
	t.Run("a flag overrides a bad file value", func(t *testing.T) {
		t.Chdir(t.TempDir())
		write(t, "geoparse.yaml", "workers: two\n")
		if code, _, stderr := execArgs(t, "", "extract", "--workers", "1", good); code != exitOK {
			t.Errorf("exit %d: %s", code, stderr)
		}
	})
	t.Run("two config files", func(t *testing.T) {
		t.Chdir(t.TempDir())
		write(t, "geoparse.yaml", "format: jsonl\n")
		write(t, "geoparse.toml", "format = \"geojson\"\n")
		code, stdout, stderr := execArgs(t, "", "extract", good)
		if code != exitOK || !strings.Contains(stderr, "using config geoparse.yaml; ignoring geoparse.toml") {
			t.Errorf("exit %d: %s", code, stderr)
		}
		if !strings.Contains(stdout, `"entities":`) {
			t.Errorf("geoparse.yaml's format not used: %.80s", stdout)
		}
	})
	t.Run("a semantic error names its source", func(t *testing.T) {
		t.Chdir(t.TempDir())
		write(t, "geoparse.toml", "format = \"kml\"\n")
		code, _, stderr := execArgs(t, "", "extract", good)
		if code != exitUsage || !strings.Contains(stderr, `format in geoparse.toml: "kml"`) {
			t.Errorf("exit %d: %s", code, stderr)
		}
	})
	for _, tc := range []struct {
		name, file, env, want string
	}{
		{"published from the config file", "published: 2024-05-07\n", "", "config"},
		{"published from the environment", "", "2024-05-07", "env"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			if tc.file != "" {
				write(t, "geoparse.yaml", tc.file)
			}
			if tc.env != "" {
				t.Setenv("GEOPARSE_PUBLISHED", tc.env)
			}
			code, stdout, stderr := execArgs(t, "", "extract", "--format", "jsonl", good)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if !strings.Contains(stdout, `"published":"2024-05-07","published_source":"`+tc.want+`"`) {
				t.Errorf("published_source is not %s: %.300s", tc.want, stdout)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, stdout, stderr := execArgs(t, "", args...)
		if code != exitOK || !strings.HasPrefix(stdout, "geoparse ") || !strings.Contains(stdout, runtime.Version()) {
			t.Errorf("%v: exit %d\n%s%s", args, code, stdout, stderr)
		}
	}
	_, stdout, _ := execArgs(t, "", "version")
	for _, want := range []string{"gazetteer: embedded, format ", "cities500.txt", "sha256 ", "entity model: embedded", "place ranker: embedded"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("version lacks %q:\n%s", want, stdout)
		}
	}
}

// TestMessagesNameWhatTheUserGave: an unwritable -o names that path, not
// the hidden temporary file.
func TestMessagesNameWhatTheUserGave(t *testing.T) {
	out := filepath.Join(t.TempDir(), "no-such-folder", "events.geojson")
	code, _, stderr := execArgs(t, "", "extract", "-o", out, fixture("lyon-floods.txt"))
	if code != exitFailed || !strings.Contains(stderr, out) || strings.Contains(stderr, ".tmp-") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

// TestResumeRefusesOtherSettings: --resume stores the settings that shape
// the output beside it and refuses to append under others.
func TestResumeRefusesOtherSettings(t *testing.T) {
	out := filepath.Join(t.TempDir(), "events.geojsonl")
	in := fixture("lyon-floods.txt")
	if code, _, stderr := execArgs(t, "", "extract", "--resume", "--published", "2024-05-06", "-o", out, in); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(out + ".geoparse.json"); err != nil {
		t.Fatalf("settings not stored: %v", err)
	}
	code, _, stderr := execArgs(t, "", "extract", "--resume", "--published", "2024-05-07", "-o", out, in)
	if code != exitUsage || !strings.Contains(stderr, "--published 2024-05-07 (was 2024-05-06)") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if code, _, stderr := execArgs(t, "", "extract", "--resume", "--published", "2024-05-06", "-o", out, in); code != exitOK {
		t.Errorf("the same settings refused: exit %d: %s", code, stderr)
	}
}
