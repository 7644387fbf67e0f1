package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/geoparse/geoparse/schema"
)

// compileSchema compiles one of the committed schemas.
func compileSchema(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	b, ok := schema.ByName(name)
	if !ok {
		t.Fatalf("no schema %s", name)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	url := name + ".schema.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestOutputMatchesSchema validates real output of every fixture article
// and of the JSONL batch, in each format, against the committed schemas:
// every JSONL line against the annotation schema, every GeoJSON Feature
// (of a FeatureCollection, of a sequence and of an RFC 8142 sequence)
// against the feature schema. The schemas forbid unknown members, so a
// member the writers add without the schema fails here.
func TestOutputMatchesSchema(t *testing.T) {
	annotation, feature := compileSchema(t, "annotation"), compileSchema(t, "feature")
	inputs, err := filepath.Glob(fixture("*"))
	if err != nil || len(inputs) < 3 {
		t.Fatalf("fixtures: %v %v", inputs, err)
	}
	// A place nobody can locate: its JSONL event has null coordinates.
	inputs = append(inputs, "-")
	stdin := "Shelling hit Zzyxgrad on Monday, officials said."
	validate := func(t *testing.T, s *jsonschema.Schema, what string, b []byte) {
		t.Helper()
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if err := s.Validate(v); err != nil {
			t.Errorf("%s does not match the schema: %v\n%.300s", what, err, b)
		}
	}
	args := append([]string{"extract", "--published", "2024-05-07", "--roles", "event,planned,origin"}, inputs...)

	// batch.jsonl holds two bad lines on purpose: the run reports them and
	// writes the rest.
	stdout, stderr, err := run(t, stdin, append(args, "--format", "jsonl")...)
	if err != nil && !errors.Is(err, errReported) {
		t.Fatalf("%v\n%s", err, stderr)
	}
	lines := 0
	sc := bufio.NewScanner(strings.NewReader(stdout))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		lines++
		validate(t, annotation, "JSONL line", sc.Bytes())
	}
	if lines < len(inputs) {
		t.Errorf("%d JSONL lines for %d inputs", lines, len(inputs))
	}

	stdout, stderr, err = run(t, stdin, append(args, "--format", "geojson")...)
	if err != nil && !errors.Is(err, errReported) {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var fc struct {
		Features []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal([]byte(stdout), &fc); err != nil || len(fc.Features) < 5 {
		t.Fatalf("FeatureCollection: %v, %d features", err, len(fc.Features))
	}
	for _, f := range fc.Features {
		validate(t, feature, "FeatureCollection member", f)
	}

	out := filepath.Join(t.TempDir(), "events.geojsons")
	if _, stderr, err := run(t, stdin, append(args, "-o", out)...); err != nil && !errors.Is(err, errReported) {
		t.Fatalf("%v\n%s", err, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	seq := string(b)
	n := 0
	for _, line := range strings.Split(strings.TrimSuffix(seq, "\n"), "\n") {
		n++
		validate(t, feature, "GeoJSONSeq record", []byte(strings.TrimPrefix(line, "\x1e")))
	}
	if n != len(fc.Features) {
		t.Errorf("%d sequence records, %d collection features", n, len(fc.Features))
	}
}
