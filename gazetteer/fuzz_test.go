package gazetteer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzNormalize: Normalize never panics, is idempotent, and its result is
// valid UTF-8 for valid input.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"Kyiv", "Kiev", "Kharkiv's", "Saint-Pétersbourg", "St. Louis", "Zürich", "ǅemal", "İstanbul",
		"ẞ", "Ǆ", "ﬁ", "O'Neill", "O’Neill", "Île-de-France", "Xiǎo", "東京", "‐—–", "\u0301", "a\u0308",
		"Ⅻ", "Ⓚ", "\x00", "\xff", "  ", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if n2 := Normalize(n); n2 != n {
			t.Fatalf("Normalize not idempotent: %q → %q → %q", s, n, n2)
		}
		if utf8.ValidString(s) && !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q: invalid UTF-8", s, n)
		}
		_ = variantKey(n)
	})
}

const fuzzGeonameRow = "703448\tKyiv\tKyiv\tKiev,Kijev,Kyjiw\t50.45466\t30.5238\tP\tPPLC\tUA\t\t12\t\t\t\t2797553\t\t187\tEurope/Kyiv\t2023-01-01"

// FuzzGeonamesTable feeds arbitrary text, as a file, to the GeoNames table
// readers: no panic, and an error names the file and a line.
func FuzzGeonamesTable(f *testing.F) {
	f.Add(fuzzGeonameRow + "\n")
	f.Add("# comment\n\n" + fuzzGeonameRow + "\r\n" + fuzzGeonameRow)
	f.Add(strings.Replace(fuzzGeonameRow, "50.45466", "north", 1))
	f.Add(strings.Replace(fuzzGeonameRow, "703448", "-1", 1))
	f.Add(strings.Replace(fuzzGeonameRow, "2797553", "1e9", 1))
	f.Add("UA.12\tKyiv City\tKyiv City\t703447\n")
	f.Add("a\tb\n\xff\xfe\n")
	f.Add(strings.Repeat("\t", 18))
	dir := f.TempDir()
	path := filepath.Join(dir, "cities.txt")
	f.Fuzz(func(t *testing.T, data string) {
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		b := newBuilder(BuildOptions{}, t.TempDir(), int64(len(data)))
		b.reservedOK = true
		err := eachTSV(context.Background(), path, nil, true, wantCols(19), func(_ int, c []string) error {
			return b.geonameRow(c)
		})
		checkLineError(t, err, path)
		err = parseAdmin1(context.Background(), path, func(admin1Row) {})
		checkLineError(t, err, path)
		err = parseCountryInfo(context.Background(), path, func(countryRow) {})
		checkLineError(t, err, path)
	})
}

func checkLineError(t *testing.T, err error, path string) {
	t.Helper()
	if err == nil {
		return
	}
	msg := err.Error()
	if !strings.Contains(msg, path+":") {
		t.Fatalf("error does not name file and line: %v", err)
	}
}
