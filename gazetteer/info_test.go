package gazetteer

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// info.json is checked against its own checksum and against the index
// file beside it: a damaged or edited info.json, another build's
// info.json or another build's index file is refused with an error that
// names info.json and says to rebuild. Both files of one build together
// are accepted, wherever they are.
func TestInfoChecksumAndLink(t *testing.T) {
	src := buildMini(t)
	other := filepath.Join(t.TempDir(), "other")
	if err := Build(context.Background(), BuildOptions{Out: other, Inputs: []string{miniDir}, Countries: []string{"UA"}}); err != nil {
		t.Fatal(err)
	}
	read := func(dir, name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	idx, info := read(src, indexFileName), read(src, infoFileName)
	otherIdx, otherInfo := read(other, indexFileName), read(other, infoFileName)
	if bytes.Equal(info, otherInfo) {
		t.Fatal("the two builds have the same info.json")
	}
	// What the files say is what Open reports.
	var in Info
	if err := json.Unmarshal(info, &in); err != nil {
		t.Fatal(err)
	}
	if in.Index.Size != int64(len(idx)) || len(in.Index.HeaderSHA256) != 64 || len(in.InfoSHA256) != 64 {
		t.Fatalf("info.json index %+v, info_sha256 %q: want the index file's size and header digest, and a SHA-256", in.Index, in.InfoSHA256)
	}
	ix, err := Open(src)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ix.Info(), in) {
		t.Errorf("Info() = %+v, want %+v", ix.Info(), in)
	}

	open := func(idx, info []byte) (string, error) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, indexFileName), idx, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, infoFileName), info, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Open(dir)
		return filepath.Join(dir, infoFileName), err
	}
	refused := func(what string, idx, info []byte, want string) {
		t.Helper()
		path, err := open(idx, info)
		if err == nil {
			t.Errorf("%s: Open succeeded", what)
			return
		}
		msg := err.Error()
		if !strings.Contains(msg, path) || !strings.Contains(msg, "rebuild the index") || !strings.Contains(msg, want) {
			t.Errorf("%s: Open error %q, want one naming %s, saying %q and to rebuild the index", what, msg, path, want)
		}
	}

	// A byte flipped anywhere: in a count, a source's checksum, the
	// provenance, the link, the checksum itself.
	flips := map[string]string{
		"place count":           `"places": `,
		"source checksum":       `"sha256": "`,
		"attribution":           `GeoNames`,
		"index header checksum": `"header_sha256": "`,
		"index size":            `"size": `,
		"own checksum":          infoChecksumKey,
	}
	for what, after := range flips {
		i := bytes.Index(info, []byte(after))
		if i < 0 {
			t.Fatalf("no %q in info.json", after)
		}
		b := bytes.Clone(info)
		b[i+len(after)] ^= 1
		refused("info.json with a byte flipped in its "+what, idx, b, "checksum mismatch")
	}
	// The key of the checksum damaged, or an info.json from before the
	// checksum (no index, no info_sha256).
	b := bytes.Replace(info, []byte(infoChecksumKey), []byte(`"info_sha265": "`), 1)
	refused("info.json with its checksum's key damaged", idx, b, "no info_sha256 checksum")
	var old map[string]any
	if err := json.Unmarshal(info, &old); err != nil {
		t.Fatal(err)
	}
	delete(old, "index")
	delete(old, "info_sha256")
	b, _ = json.MarshalIndent(old, "", "  ")
	refused("info.json of an older geoparse", idx, b, "no info_sha256 checksum")
	// Reformatted: the same JSON, other bytes.
	var v any
	json.Unmarshal(info, &v)
	b, _ = json.MarshalIndent(v, "", "    ")
	refused("info.json reformatted", idx, b, "checksum mismatch")

	// Files of two builds mixed, either way round.
	refused("another build's info.json", idx, otherInfo, "describes another gazetteer.idx")
	refused("another build's gazetteer.idx", otherIdx, info, "describes another gazetteer.idx")
	// Both files of the other build: accepted.
	if _, err := open(otherIdx, otherInfo); err != nil {
		t.Errorf("the other build's files together: %v", err)
	}
}

// marshalInfo writes the same bytes for the same Info, and parseInfo
// gives that Info back.
func TestMarshalInfoRoundTrip(t *testing.T) {
	dir := buildMini(t)
	data, err := os.ReadFile(filepath.Join(dir, indexFileName))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, infoFileName))
	if err != nil {
		t.Fatal(err)
	}
	in, err := parseInfo(raw, data, infoFileName)
	if err != nil {
		t.Fatal(err)
	}
	again, err := marshalInfo(in)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, raw) {
		t.Errorf("marshalInfo of the parsed info.json differs from the file:\n%s\nwant\n%s", again, raw)
	}
	// A name that holds the checksum's key is escaped, and so cannot be
	// taken for it.
	in.Sources = append(in.Sources, Source{File: infoChecksumKey, Kind: "geonames"})
	b, err := marshalInfo(in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := parseInfo(b, data, infoFileName)
	if err != nil {
		t.Fatalf("parseInfo of an info.json whose source name holds the key: %v", err)
	}
	if got.Sources[len(got.Sources)-1].File != infoChecksumKey {
		t.Errorf("source name %q, want %q", got.Sources[len(got.Sources)-1].File, infoChecksumKey)
	}
}
