package gazetteer

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBuildInfo(t *testing.T) {
	ix := openMini(t)
	info := ix.Info()
	// UA.99 has neither places nor a dr5hn point: it is left out.
	if info.Countries != 5 || info.Admin1 != 9 || info.Places != 12 {
		t.Errorf("Info counts = %d countries, %d admin1, %d places; want 5, 9, 12", info.Countries, info.Admin1, info.Places)
	}
	if ix.Len() != 5+9+12 {
		t.Errorf("Len = %d, want %d", ix.Len(), 5+9+12)
	}
	if info.FormatVersion != formatVersion || len(info.Sources) != 5 {
		t.Fatalf("Info = %+v", info)
	}
	for _, s := range info.Sources {
		if len(s.SHA256) != 64 || s.Size == 0 || s.Kind == "" || strings.Contains(s.File, "/") {
			t.Errorf("source %+v: want base name, kind, size and sha256", s)
		}
	}
	if _, ok := ix.Admin1("UA", "99"); ok {
		t.Error("Admin1(UA, 99) found; it has no point and should be skipped")
	}
}

func TestBuildDeterministic(t *testing.T) {
	tmp := t.TempDir()
	files, _ := filepath.Glob(filepath.Join(miniDir, "*"))
	reversed := make([]string, len(files))
	for i, f := range files {
		reversed[len(files)-1-i] = f
	}
	a, b := filepath.Join(tmp, "a"), filepath.Join(tmp, "b")
	if err := Build(context.Background(), BuildOptions{Out: a, Inputs: []string{miniDir}}); err != nil {
		t.Fatal(err)
	}
	// Same files named one by one, in another order.
	if err := Build(context.Background(), BuildOptions{Out: b, Inputs: reversed}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{indexFileName, infoFileName} {
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, _ := os.ReadFile(filepath.Join(b, name))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two builds of the same inputs", name)
		}
	}
}

func TestBuildReportsBadLine(t *testing.T) {
	good, err := os.ReadFile(filepath.Join(miniDir, "cities.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(good), "\n")
	tests := []struct {
		name, bad, want string
	}{
		{"coordinate", strings.Replace(lines[2], "36.302", "north", 1), "latitude"},
		{"columns", strings.Replace(lines[2], "\t", " ", 3), "columns"},
		{"utf8", strings.Replace(lines[2], "Paris", "Par\xffis", 1), "invalid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, "cities500.txt")
			body := lines[0] + lines[1] + tt.bad + strings.Join(lines[3:], "")
			if err := os.WriteFile(in, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "idx")
			err := Build(context.Background(), BuildOptions{Out: out, Inputs: []string{in}})
			if err == nil {
				t.Fatal("Build accepted a malformed line")
			}
			if !strings.Contains(err.Error(), in+":3:") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to name %s:3 and say %q", err, in, tt.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("a failed build left %s behind", out)
			}
			assertNoTempDirs(t, dir)
		})
	}
}

func TestBuildReplacesIndexAtomically(t *testing.T) {
	dir := buildMini(t)
	before, _ := os.ReadFile(filepath.Join(dir, indexFileName))

	// A failing rebuild keeps the old index in place.
	bad := filepath.Join(t.TempDir(), "cities500.txt")
	os.WriteFile(bad, []byte("1\tX\n"), 0o644)
	if err := Build(context.Background(), BuildOptions{Out: dir, Inputs: []string{bad}}); err == nil {
		t.Fatal("Build accepted a malformed file")
	}
	after, _ := os.ReadFile(filepath.Join(dir, indexFileName))
	if !bytes.Equal(before, after) {
		t.Error("a failed build changed the existing index")
	}
	assertNoTempDirs(t, filepath.Dir(dir))

	// A good rebuild replaces it.
	var progress bytes.Buffer
	if err := Build(context.Background(), BuildOptions{Out: dir, Inputs: []string{miniDir}, Progress: &progress}); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); err != nil {
		t.Fatal(err)
	}
	assertNoTempDirs(t, filepath.Dir(dir))
	if !strings.HasPrefix(progress.String(), "gazetteer: 12 rows, ") || !strings.Contains(progress.String(), "rows/s") {
		t.Errorf("progress = %q, want a line \"gazetteer: 12 rows, X rows/s\"", progress.String())
	}

	// Earlier versions of Open left a record of the checksums they
	// checked beside an index; a rebuild replaces that too.
	if err := os.WriteFile(filepath.Join(dir, staleVerifiedFileName), []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Build(context.Background(), BuildOptions{Out: dir, Inputs: []string{miniDir}}); err != nil {
		t.Fatalf("rebuild over an opened index: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, staleVerifiedFileName)); !os.IsNotExist(err) {
		t.Errorf("%s of the old index still there after a rebuild (err = %v)", staleVerifiedFileName, err)
	}
	if _, err := Open(dir); err != nil {
		t.Fatal(err)
	}
}

func TestBuildRefusesForeignDirectory(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	err := Build(context.Background(), BuildOptions{Out: dir, Inputs: []string{miniDir}})
	if err == nil || !strings.Contains(err.Error(), "notes.txt") {
		t.Fatalf("Build over a folder with other files: err = %v, want a refusal naming notes.txt", err)
	}
}

func TestBuildInputKinds(t *testing.T) {
	if err := Build(context.Background(), BuildOptions{Out: filepath.Join(t.TempDir(), "x"), Inputs: []string{filepath.Join(miniDir, "countryInfo.txt")}}); err != errNoGeonames {
		t.Errorf("Build without a geoname table: err = %v, want %v", err, errNoGeonames)
	}
	readme := filepath.Join(t.TempDir(), "README.md")
	os.WriteFile(readme, []byte("# hello\n"), 0o644)
	err := Build(context.Background(), BuildOptions{Out: filepath.Join(t.TempDir(), "x"), Inputs: []string{readme}})
	if err == nil || !strings.Contains(err.Error(), "README.md") {
		t.Errorf("Build of an unknown file: err = %v, want it named", err)
	}
}

func assertNoTempDirs(t *testing.T, dir string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary %s left in %s", e.Name(), dir)
		}
	}
}
