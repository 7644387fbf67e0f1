package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestAtomicFile(t *testing.T) {
	tests := []struct {
		name     string
		existing *string // previous content, nil: no file
		finish   func(*File) error
		want     *string // content after, nil: no file
	}{
		{"commit new file", nil, (*File).Commit, ptr("new")},
		{"commit replaces", ptr("old"), (*File).Commit, ptr("new")},
		{"abort keeps old", ptr("old"), (*File).Abort, ptr("old")},
		{"abort creates nothing", nil, (*File).Abort, nil},
		{"close without commit keeps old", ptr("old"), (*File).Close, ptr("old")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out.geojson")
			if tt.existing != nil {
				if err := os.WriteFile(path, []byte(*tt.existing), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			f, err := Create(path)
			if err != nil {
				t.Fatal(err)
			}
			if filepath.Dir(f.TempName()) != dir {
				t.Errorf("temp file %s not in target directory %s", f.TempName(), dir)
			}
			if _, err := f.WriteString("new"); err != nil {
				t.Fatal(err)
			}
			// Nothing visible before finishing.
			checkContent(t, path, tt.existing)
			if err := tt.finish(f); err != nil {
				t.Fatal(err)
			}
			checkContent(t, path, tt.want)
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if e.Name() != "out.geojson" {
					t.Errorf("left behind %s", e.Name())
				}
			}
			// Finished: further use fails, Close is harmless.
			if _, err := f.Write([]byte("x")); !errors.Is(err, ErrDone) {
				t.Errorf("Write after finish: %v, want ErrDone", err)
			}
			if err := f.Commit(); !errors.Is(err, ErrDone) {
				t.Errorf("Commit after finish: %v, want ErrDone", err)
			}
			if err := f.Close(); err != nil {
				t.Errorf("Close after finish: %v", err)
			}
			checkContent(t, path, tt.want)
		})
	}
}

func TestCommitKeepsMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out")
	if err := os.WriteFile(path, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o640)
	f, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("new")
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", fi.Mode().Perm())
	}

	newPath := filepath.Join(dir, "fresh")
	f, err = Create(newPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(newPath); err != nil || fi.Mode().Perm() != DefaultPerm {
		t.Errorf("new file: %v %v, want mode %v", fi.Mode().Perm(), err, DefaultPerm)
	}
}

func TestCreateInMissingDir(t *testing.T) {
	if _, err := Create(filepath.Join(t.TempDir(), "nope", "out")); err == nil {
		t.Fatal("Create in a missing directory succeeded")
	}
}

func ptr(s string) *string { return &s }

func checkContent(t *testing.T, path string, want *string) {
	t.Helper()
	got, err := os.ReadFile(path)
	switch {
	case want == nil && err == nil:
		t.Errorf("%s exists with %q, want no file", path, got)
	case want == nil:
		if !errors.Is(err, os.ErrNotExist) {
			t.Errorf("stat %s: %v", path, err)
		}
	case err != nil:
		t.Errorf("read %s: %v", path, err)
	case string(got) != *want:
		t.Errorf("%s = %q, want %q", path, got, *want)
	}
}

func TestWriteFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "model.bin")
	if err := WriteFile(path, []byte("weights")); err != nil {
		t.Fatal(err)
	}
	checkContent(t, path, ptr("weights"))
	// A target that cannot be replaced is an error, and nothing is left
	// behind in its folder.
	dir := filepath.Join(t.TempDir(), "sub")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(dir, []byte("x")); err == nil {
		t.Error("writing over a directory succeeded")
	}
}
