package gazetteer

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const fullDir = "testdata/full"

// zipFiles writes a zip archive at path holding the named members, as
// GeoNames publishes them (UA.zip holds UA.txt and readme.txt).
func zipFiles(t *testing.T, path string, members map[string][]byte) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range sortedKeys(members) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(members[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fullDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fullInputs are the mini fixture plus a country file, alternate names and
// admin2 codes, zipped as published when zipped is set.
func fullInputs(t *testing.T, zipped bool) []string {
	t.Helper()
	in := []string{miniDir, filepath.Join(fullDir, "admin2Codes.txt")}
	if !zipped {
		return append(in, filepath.Join(fullDir, "UA.txt"), filepath.Join(fullDir, "alternateNamesV2.txt"))
	}
	dir := t.TempDir()
	ua, alt := filepath.Join(dir, "UA.zip"), filepath.Join(dir, "alternateNamesV2.zip")
	zipFiles(t, ua, map[string][]byte{"UA.txt": readFixture(t, "UA.txt"), "readme.txt": []byte("readme\tof\tthe\tdump\n")})
	zipFiles(t, alt, map[string][]byte{"alternateNamesV2.txt": readFixture(t, "alternateNamesV2.txt"), "iso-languagecodes.txt": []byte("ISO 639-3\tISO 639-2\tISO 639-1\tLanguage Name\n")})
	return append(in, ua, alt)
}

func buildFull(t *testing.T, zipped bool, opts BuildOptions) (*Index, string) {
	t.Helper()
	opts.Out = filepath.Join(t.TempDir(), "idx")
	opts.Inputs = fullInputs(t, zipped)
	if err := Build(context.Background(), opts); err != nil {
		t.Fatalf("Build: %v", err)
	}
	ix, err := Open(opts.Out)
	if err != nil {
		t.Fatal(err)
	}
	return ix, opts.Out
}

func TestBuildFullFormats(t *testing.T) {
	ix, _ := buildFull(t, true, BuildOptions{})
	tests := []struct {
		name string
		want []int64
	}{
		{"Hrakove", []int64{9000001}},
		{"Гракове", []int64{9000001}},     // alternateNamesV2
		{"Граково", []int64{9000001}},     // alternateNamesV2, Russian
		{"Grakovo", []int64{9000001}},     // alternatenames column
		{"Балаклея", []int64{712926}},     // alternateNamesV2 for a cities500 place
		{"Изюм", []int64{707292}},         // preferred name
		{"Izium Raion", []int64{9000010}}, // admin2Codes.txt
		{"Iziumskyi Raion", []int64{9000010}},
		{"Dnipropetrovsk Historic", []int64{709930}}, // historic names are kept
		{"Big Kharkiv", nil},                         // colloquial ones are not
		{"https://en.wikipedia.org/wiki/Kyiv", nil},  // links are not names
		{"Q1899", nil},
		{"Nowhere Land", nil},                  // a place not in the tables
		{"Kharkivska oblast", []int64{706482}}, // the ADM1 row's names join the division
		{"Kharkiv Region", []int64{706482}},    // … and its alternate names
		{"Zaliznyche", []int64{9000002}},       // romanization variant
		{"Kharkiv", []int64{706482, 706483}},   // the ADM1 row is no second entry
		{"Siverskyi Donets", []int64{9000020}}, // all feature classes
	}
	for _, tt := range tests {
		if got := ids(ix.Lookup(tt.name)); !reflect.DeepEqual(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
			t.Errorf("Lookup(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
	// The division's point is that of its GeoNames row now.
	if kh, ok := ix.Admin1("UA", "07"); !ok || kh.Lat != 49.5 || kh.Lon != 36.5 || kh.Name != "Kharkiv" {
		t.Errorf("Admin1(UA, 07) = %+v, %v", kh, ok)
	}
	hr := ix.Lookup("Hrakove")
	if len(hr) != 1 || hr[0].Admin1Name != "Kharkiv" || hr[0].FeatureCode != "PPL" || hr[0].Lat != 49.7182 {
		t.Errorf("Hrakove = %+v", hr)
	}
	info := ix.Info()
	if info.Places != 12+5 || info.Variants == 0 {
		t.Errorf("Info = %+v; want 17 places and variant keys", info)
	}
}

// Zipped and plain inputs give the same index.
func TestBuildZipSameAsPlain(t *testing.T) {
	_, a := buildFull(t, true, BuildOptions{})
	_, b := buildFull(t, false, BuildOptions{})
	x, _ := os.ReadFile(filepath.Join(a, indexFileName))
	y, _ := os.ReadFile(filepath.Join(b, indexFileName))
	if len(x) == 0 || !bytes.Equal(x, y) {
		t.Error("the index from zipped inputs differs from the one from plain inputs")
	}
}

func TestBuildFilters(t *testing.T) {
	ix, _ := buildFull(t, false, BuildOptions{Countries: []string{"ua"}, FeatureClasses: []string{"P"}, MinPopulation: 400})
	info := ix.Info()
	// UA places of 400 people or more: Kharkiv, Izium, Balakliia, Kyiv,
	// Bucha, Dnipro, Kamianka; not Hrakove (0), the river or the raion.
	if info.Places != 7 {
		t.Errorf("Places = %d, want 7", info.Places)
	}
	if info.Filters == nil || !reflect.DeepEqual(info.Filters.Countries, []string{"UA"}) || info.Filters.MinPopulation != 400 {
		t.Errorf("Filters = %+v", info.Filters)
	}
	for _, n := range []string{"Hrakove", "Siverskyi Donets", "Dallas", "Wroclaw", "Texas"} {
		if got := ix.Lookup(n); len(got) != 0 {
			t.Errorf("Lookup(%q) = %v with the filters", n, ids(got))
		}
	}
	// Countries stay; the Kharkiv division keeps the names of its row.
	for _, n := range []string{"France", "Ukraine", "Kharkivska oblast", "Izium"} {
		if got := ix.Lookup(n); len(got) == 0 {
			t.Errorf("Lookup(%q) found nothing with the filters", n)
		}
	}
}

func TestBuildBadInputs(t *testing.T) {
	ua := string(readFixture(t, "UA.txt"))
	lines := strings.SplitAfter(ua, "\n")
	alt := string(readFixture(t, "alternateNamesV2.txt"))
	altLines := strings.SplitAfter(alt, "\n")
	type input struct{ name, body string }
	tests := []struct {
		name    string
		in      input
		zipped  bool
		where   string // the file and line the error must name
		problem string
	}{
		{"coordinate", input{"UA.txt", lines[0] + lines[1] + strings.Replace(lines[2], "49.5", "4x.5", 1)}, false, "UA.txt:3:", "latitude"},
		{"columns", input{"UA.txt", lines[0] + strings.Replace(lines[1], "\t", "", 2)}, false, "UA.txt:2:", "columns"},
		{"utf8", input{"UA.txt", lines[0] + strings.Replace(lines[1], "Zaliz", "Za\xc3liz", 1)}, false, "UA.txt:2:", "invalid UTF-8"},
		{"zipped line", input{"UA.txt", lines[0] + lines[1] + strings.Replace(lines[2], "49.5", "north", 1)}, true, "UA.zip!UA.txt:3:", "latitude"},
		{"alternate names columns", input{"alternateNamesV2.txt", altLines[0] + "11\t703448\ten\n"}, false, "alternateNamesV2.txt:2:", "columns"},
		{"alternate names id", input{"alternateNamesV2.txt", altLines[0] + strings.Replace(altLines[1], "703448", "x03448", 1)}, false, "alternateNamesV2.txt:2:", "geonameid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, tt.in.name)
			if tt.zipped {
				in = filepath.Join(dir, strings.TrimSuffix(tt.in.name, ".txt")+".zip")
				zipFiles(t, in, map[string][]byte{tt.in.name: []byte(tt.in.body)})
			} else if err := os.WriteFile(in, []byte(tt.in.body), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "idx")
			inputs := []string{miniDir, in}
			if tt.in.name != "UA.txt" {
				inputs = append(inputs, filepath.Join(fullDir, "UA.txt"))
			}
			err := Build(context.Background(), BuildOptions{Out: out, Inputs: inputs})
			if err == nil {
				t.Fatal("Build accepted bad input")
			}
			if !strings.Contains(err.Error(), filepath.Join(dir, tt.where)) || !strings.Contains(err.Error(), tt.problem) {
				t.Errorf("error %q, want it to name %s and say %q", err, tt.where, tt.problem)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("a failed build left %s behind", out)
			}
			assertNoTempDirs(t, dir)
		})
	}
}

func TestBuildTruncatedZip(t *testing.T) {
	dir := t.TempDir()
	full := filepath.Join(dir, "full.zip")
	zipFiles(t, full, map[string][]byte{"UA.txt": bytes.Repeat(readFixture(t, "UA.txt"), 50)})
	data, _ := os.ReadFile(full)
	for _, n := range []int{len(data) / 2, len(data) - 10, 30} {
		in := filepath.Join(dir, "UA.zip")
		os.WriteFile(in, data[:n], 0o644)
		out := filepath.Join(dir, "idx")
		err := Build(context.Background(), BuildOptions{Out: out, Inputs: []string{miniDir, in}})
		if err == nil || !strings.Contains(err.Error(), in) || !strings.Contains(err.Error(), "zip") {
			t.Errorf("Build of a zip cut to %d of %d bytes: err = %v, want one naming %s as a bad zip", n, len(data), err, in)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("a failed build left %s behind", out)
		}
		assertNoTempDirs(t, dir)
	}
}

// A build that spills its name pairs to disk in many small chunks gives
// the same index as one that sorts them in memory.
func TestBuildSpillsSameIndex(t *testing.T) {
	build := func(chunk int) []byte {
		dir := filepath.Join(t.TempDir(), "idx")
		files, err := resolveInputs(fullInputs(t, false))
		if err != nil {
			t.Fatal(err)
		}
		tmp := t.TempDir()
		b := newBuilder(BuildOptions{}, tmp, 0)
		b.names = newPairSorter(tmp, "names", chunk)
		b.variants = newPairSorter(tmp, "variants", chunk)
		sortInputs(files)
		for _, f := range files {
			if err := b.read(context.Background(), f); err != nil {
				t.Fatal(err)
			}
		}
		if len(b.names.runs) < 2 && chunk < 1000 {
			t.Fatalf("chunk of %d bytes: %d runs, want several", chunk, len(b.names.runs))
		}
		os.MkdirAll(dir, 0o755)
		if _, err := b.assemble(context.Background(), filepath.Join(dir, indexFileName)); err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(filepath.Join(dir, indexFileName))
		return data
	}
	if a, b := build(sortChunkBytes), build(400); !bytes.Equal(a, b) {
		t.Error("spilling to disk changed the index")
	}
}
