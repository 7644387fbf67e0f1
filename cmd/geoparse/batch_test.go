package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/geoparse/geoparse/extract"
)

// writeBatch writes n small invented articles as JSONL, with a malformed
// line every 1000 documents, and returns the path.
func writeBatch(t *testing.T, dir string, n int) string {
	t.Helper()
	return writeBatchFile(t, filepath.Join(dir, "batch.jsonl"), n, false)
}

// writeBatchRepeats is writeBatch with documents that repeat an earlier
// one's id, as real corpora have them: every 100 documents one repeats the
// id of one 30 lines up with another text; every 250 one is the line just
// before it again (id and text); every 500 two in a row carry the same
// text and no id (so the same text hash); and every 1000 one has the id an
// earlier repeat would be renamed to, before that repeat comes.
func writeBatchRepeats(t *testing.T, dir string, n int) string {
	t.Helper()
	return writeBatchFile(t, filepath.Join(dir, "repeats.jsonl"), n, true)
}

func writeBatchFile(t *testing.T, path string, n int, repeats bool) string {
	t.Helper()
	cities := []string{"Lyon", "Patras", "Lviv", "Odesa", "Grenoble", "Athens", "Dallas", "Kharkiv", "Corinth", "Marseille"}
	people := []string{"Anna Keller", "Marco Rossi", "Olena Shevchenko", "John Miller", "Eleni Papadopoulou"}
	days := []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}
	var b strings.Builder
	var last []byte
	for i := 0; i < n; i++ {
		if i%1000 == 500 {
			b.WriteString(`{"id": "broken-` + itoa(i) + `", "text": ` + "\n")
			continue
		}
		if repeats && i%250 == 99 {
			b.Write(last) // the line before, again
			continue
		}
		city, other := cities[i%len(cities)], cities[(i/len(cities)+3)%len(cities)]
		text := fmt.Sprintf("Mayor %s visited %s on %s after a fire destroyed several warehouses near the harbor. "+
			"Firefighters from %s arrived later, officials said.\n\nResidents were evacuated from the old town.",
			people[i%len(people)], city, days[i%len(days)], other)
		fields := map[string]string{
			"id": fmt.Sprintf("doc-%05d", i), "text": text,
			"published": fmt.Sprintf("2024-05-%02d", 6+i%20),
		}
		if repeats {
			switch {
			case i%100 == 37:
				fields["id"] = fmt.Sprintf("doc-%05d", i-30)
			case i%500 == 201, i%500 == 202:
				delete(fields, "id")
				fields["text"] = fmt.Sprintf("Storms hit %s on Monday, batch %d.", cities[i/500%len(cities)], i/500)
			case i%1000 == 700:
				fields["id"] = fmt.Sprintf("doc-%05d~2", i-40)
			case i%1000 == 705:
				fields["id"] = fmt.Sprintf("doc-%05d", i-45)
			}
		}
		doc, _ := json.Marshal(fields)
		last = append(doc, '\n')
		b.Write(last)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// buildBinary compiles geoparse into dir.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not in PATH")
	}
	bin := filepath.Join(dir, "geoparse")
	out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// readLines returns the lines of a file that must end with a whole line.
func readLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > 0 && b[len(b)-1] != '\n' {
		t.Errorf("%s does not end with a whole line", path)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

// partialLines returns the whole lines of a file a killed run wrote.
func partialLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
		return strings.Split(string(b[:i]), "\n")
	}
	return nil
}

// resumeSeeds fix the kill points of TestResumeAfterKill. Each seed picks
// one or two kills per run, each once the output has reached a random
// share (5-85%) of the uninterrupted output and then after a random delay
// of up to 30 ms, so kills land both right after a flush and between
// flushes (mid-extraction, or mid-write). The points are deterministic;
// where exactly a kill lands still depends on scheduling, which is the
// point: every seed must give the same bytes as an uninterrupted run.
var resumeSeeds = []uint64{1, 2, 3}

// TestResumeAfterKill kills a resumable batch with SIGKILL at seeded random
// points, sometimes tears the last line as a crash mid-write would,
// reruns it with --resume until it completes, and checks the result is
// byte for byte the output of an uninterrupted run: nothing lost, nothing
// doubled, input order kept, each bad line logged once. The batch repeats
// ids (writeBatchRepeats): a repeat whose first was written before a kill
// used to be skipped by the resumed run.
func TestResumeAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	const docs = 2000 // 8 flushes of 256 documents; a run takes under a second
	const broken = docs / 1000
	// writeBatchRepeats' repeats in 2000 lines: 20 + 8 + 4 + 2.
	const repeats = "34 documents repeated an earlier document's id"
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	in := writeBatchRepeats(t, dir, docs)
	for _, format := range []string{formatGeoJSONSeq, formatJSONL} {
		t.Run(format, func(t *testing.T) {
			full := filepath.Join(dir, "full."+format)
			cmd := exec.Command(bin, "extract", "--workers", "2", "--format", format, "-o", full, in)
			out, err := cmd.CombinedOutput()
			if err == nil || !strings.Contains(string(out), fmt.Sprintf("%d of %d documents failed", broken, docs)) || !strings.Contains(string(out), repeats) {
				t.Fatalf("uninterrupted run: %v\n%s", err, out)
			}
			want, err := os.ReadFile(full)
			if err != nil {
				t.Fatal(err)
			}
			wantLines := len(readLines(t, full))
			// The repeats are in the output, under their new ids.
			for _, id := range []string{`"doc-00007~2"`, `"doc-00098~2"`, `"doc-00660~2"`, `"doc-00660~3"`} {
				if !bytes.Contains(want, []byte(id)) {
					t.Errorf("the uninterrupted output has no document %s", id)
				}
			}
			for _, seed := range resumeSeeds {
				t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
					resumeAfterKills(t, bin, in, format, want, wantLines, broken, seed)
				})
			}
		})
	}
}

// resumeAfterKills runs one seed of TestResumeAfterKill.
func resumeAfterKills(t *testing.T, bin, in, format string, want []byte, wantLines, broken int, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 0))
	dir := t.TempDir()
	out := filepath.Join(dir, "resumed."+format)
	errs := filepath.Join(dir, "errors.jsonl")
	args := []string{"extract", "--workers", "2", "--format", format, "--resume", "-o", out, "--errors", errs, in}

	kills := make([]int64, 1+rng.IntN(2))
	for i := range kills {
		kills[i] = int64(len(want)) * int64(5+rng.IntN(81)) / 100
	}
	slices.Sort(kills)
	midRun := 0
	for i, at := range kills {
		delay := time.Duration(rng.IntN(31)) * time.Millisecond
		tear := rng.IntN(2) == 0
		killed := exec.Command(bin, args...)
		if err := killed.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() { killed.Wait(); close(exited) }()
		finished := false
	poll:
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
			select {
			case <-exited:
				finished = true
				break poll
			case <-time.After(time.Millisecond):
			}
			if st, err := os.Stat(out); err == nil && st.Size() >= at {
				break
			}
		}
		if !finished {
			time.Sleep(delay)
			killed.Process.Kill() // SIGKILL: no cleanup of any kind
		}
		<-exited
		partial := partialLines(t, out)
		if len(partial) < wantLines {
			midRun++
		}
		t.Logf("seed %d, kill %d: at >= %d bytes + %v: %d of %d lines written", seed, i+1, at, delay, len(partial), wantLines)
		if tear && len(partial) > 0 {
			// A torn last line, as a kill in the middle of a write leaves
			// (the kill itself may already have torn one).
			last := partial[len(partial)-1]
			f, err := os.OpenFile(out, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString(last[:1+rng.IntN(len(last)-1)])
			f.Close()
		}
	}
	if midRun == 0 {
		t.Fatalf("seed %d: every run finished before its kill; make the batch bigger", seed)
	}

	stdout, err := exec.Command(bin, args...).CombinedOutput()
	if err == nil || !strings.Contains(string(stdout), "documents failed") || !strings.Contains(string(stdout), "resumed:") {
		t.Fatalf("seed %d: resumed run: %v\n%s", seed, err, stdout)
	}
	// The documents it skipped are counted with the rest.
	if !strings.Contains(string(stdout), "34 documents repeated") {
		t.Errorf("seed %d: the resumed run does not report the batch's 34 repeated ids:\n%s", seed, stdout)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		gotLines := readLines(t, out)
		t.Errorf("seed %d: resumed output (%d lines, %d bytes) differs from the uninterrupted run (%d lines, %d bytes)",
			seed, len(gotLines), len(got), wantLines, len(want))
		wl := strings.Split(strings.TrimSuffix(string(want), "\n"), "\n")
		for i := range min(len(gotLines), len(wl)) {
			if gotLines[i] != wl[i] {
				t.Errorf("seed %d: first difference at line %d", seed, i+1)
				break
			}
		}
	}
	// Each bad line is logged once, though several runs met it.
	if logged := readLines(t, errs); len(logged) != broken {
		t.Errorf("seed %d: errors file has %d lines, want %d:\n%s", seed, len(logged), broken, strings.Join(logged, "\n"))
	}
}

// TestResumeDropsTornTail cuts a finished output at every kind of place
// (mid-line, mid-document, between documents) and checks --resume
// completes it to the uninterrupted output.
func TestResumeDropsTornTail(t *testing.T) {
	dir := t.TempDir()
	in := writeBatch(t, dir, 40)
	for _, format := range []string{formatGeoJSONSeq, formatJSONL} {
		full := filepath.Join(dir, "full."+format)
		if _, stderr, err := run(t, "", "extract", "--format", format, "-o", full, in); err != nil {
			t.Fatalf("extract: %v\n%s", err, stderr)
		}
		want, _ := os.ReadFile(full)
		for _, cut := range []int{0, 1, len(want) / 3, len(want) / 2, bytes.IndexByte(want, '\n') + 1, len(want) - 1, len(want)} {
			out := filepath.Join(dir, "cut."+format)
			os.WriteFile(out, want[:cut], 0o644)
			if _, stderr, err := run(t, "", "extract", "--format", format, "--resume", "-o", out, in); err != nil {
				t.Fatalf("%s cut at %d: %v\n%s", format, cut, err, stderr)
			}
			if got, _ := os.ReadFile(out); !bytes.Equal(got, want) {
				t.Errorf("%s cut at %d of %d: resumed output differs (%d bytes)", format, cut, len(want), len(got))
			}
		}
	}
	// A file that is not geoparse output is not cut.
	foreign := filepath.Join(dir, "notes.jsonl")
	os.WriteFile(foreign, []byte("hello\nworld\n"), 0o644)
	if _, _, err := run(t, "", "extract", "--format", "jsonl", "--resume", "-o", foreign, in); err == nil {
		t.Error("--resume appended to a file that is not geoparse output")
	}
	if b, _ := os.ReadFile(foreign); string(b) != "hello\nworld\n" {
		t.Errorf("foreign file changed: %q", b)
	}
	// Nor is output of the other format, even one line of it.
	one := filepath.Join(dir, "one.geojsonl")
	jsonl, _, _ := run(t, "", "extract", "--format", "jsonl", fixture("lyon-floods.txt"))
	os.WriteFile(one, []byte(jsonl), 0o644)
	if _, _, err := run(t, "", "extract", "--format", "geojsonseq", "--resume", "-o", one, in); err == nil {
		t.Error("--resume --format geojsonseq appended to JSONL output")
	}
	if b, _ := os.ReadFile(one); string(b) != jsonl {
		t.Errorf("JSONL file changed by a GeoJSONSeq resume")
	}
	// --resume needs an appendable format and a file.
	if _, _, err := run(t, "", "extract", "--format", "geojson", "--resume", "-o", foreign, in); err == nil {
		t.Error("--resume accepted --format geojson")
	}
	if _, _, err := run(t, "", "extract", "--resume", in); err == nil {
		t.Error("--resume accepted no -o")
	}
}

// TestBatchErrorsFile checks per-document errors go to --errors as JSONL
// while every good document still comes out.
func TestBatchErrorsFile(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "latin1.txt")
	os.WriteFile(bad, []byte("Caf\xe9 in Lyon"), 0o644)
	errs := filepath.Join(dir, "errors.jsonl")
	stdout, stderr, err := run(t, "", "extract", "--format", "jsonl", "--errors", errs, fixture("batch.jsonl"), bad, fixture("paris-texas.txt"))
	if err == nil {
		t.Error("a batch with bad documents exited with success")
	}
	if n := len(decodeJSONL(t, stdout)); n != 3 {
		t.Errorf("%d documents out, want 3", n)
	}
	if !strings.Contains(stderr, "batch.jsonl:2: malformed JSON") {
		t.Errorf("stderr: %s", stderr)
	}
	type rec struct {
		ID, File, Message string
		Line              int
	}
	var got []rec
	for _, line := range readLines(t, errs) {
		var r rec
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("errors line %q: %v", line, err)
		}
		got = append(got, r)
	}
	if len(got) != 3 {
		t.Fatalf("errors file has %d records, want 3: %+v", len(got), got)
	}
	if !strings.HasSuffix(got[0].File, "batch.jsonl") || got[0].Line != 2 || !strings.Contains(got[0].Message, "malformed JSON") {
		t.Errorf("first error = %+v", got[0])
	}
	if got[1].Line != 3 || got[1].ID == "" || got[1].Message != "empty text" {
		t.Errorf("second error = %+v", got[1])
	}
	if got[2].File != bad || got[2].Line != 0 || !strings.Contains(got[2].Message, "UTF-8") {
		t.Errorf("third error = %+v", got[2])
	}
}

// TestBatchOrderAndIDs checks the output follows input order whatever the
// number of workers, and that record ids are the same on every run.
func TestBatchOrderAndIDs(t *testing.T) {
	dir := t.TempDir()
	in := writeBatch(t, dir, 300)
	one, _, _ := run(t, "", "extract", "--workers", "1", "--format", "geojsonseq", in)
	four, _, _ := run(t, "", "extract", "--workers", "4", "--format", "geojsonseq", in)
	if one == "" || one != four {
		t.Fatalf("--workers 1 and 4 differ (%d vs %d bytes)", len(one), len(four))
	}
	seen := map[string]bool{}
	last := ""
	for _, line := range strings.Split(strings.TrimSpace(one), "\n") {
		var f struct {
			ID         string
			Properties struct {
				DocID string `json:"doc_id"`
			}
		}
		json.Unmarshal([]byte(line), &f)
		if seen[f.ID] {
			t.Errorf("duplicate id %s", f.ID)
		}
		seen[f.ID] = true
		if f.Properties.DocID < last {
			t.Errorf("%s after %s: not in input order", f.Properties.DocID, last)
		}
		last = f.Properties.DocID
	}
}

// TestResumeDefaultsToGeoJSONSeq: --resume without --format writes
// GeoJSONSeq, which GDAL's ogrinfo opens.
func TestResumeDefaultsToGeoJSONSeq(t *testing.T) {
	dir := t.TempDir()
	in := writeBatch(t, dir, 50)
	out := filepath.Join(dir, "events.geojsonl")
	if _, stderr, err := run(t, "", "extract", "--resume", "-o", out, in); err != nil {
		t.Fatalf("extract: %v\n%s", err, stderr)
	}
	lines := readLines(t, out)
	if !strings.HasPrefix(lines[0], `{"id":`) || !strings.Contains(lines[0], `"type":"Feature"`) {
		t.Fatalf("not GeoJSONSeq: %.100s", lines[0])
	}
	if _, err := exec.LookPath("ogrinfo"); err != nil {
		t.Skip("ogrinfo not installed")
	}
	info, err := exec.Command("ogrinfo", "-ro", "-al", "-so", "GeoJSONSeq:"+out).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, info)
	}
	m := regexp.MustCompile(`Feature Count: (\d+)`).FindStringSubmatch(string(info))
	if m == nil || m[1] != itoa(len(lines)) {
		t.Errorf("ogrinfo feature count %v, want %d\n%s", m, len(lines), info)
	}
	for _, field := range []string{"type: String", "mentions: Integer", "offsets: IntegerList", "people: StringList"} {
		if !strings.Contains(string(info), field) {
			t.Errorf("ogrinfo lacks %q", field)
		}
	}
}

func TestCountDocuments(t *testing.T) {
	dir := t.TempDir()
	in := writeBatch(t, dir, 25)
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.jsonl"), []byte("{}\n\n{}"), 0o644)
	if n := countDocuments(t.Context(), []string{in}, modeAuto); n != 25 {
		t.Errorf("count %d, want 25", n)
	}
	if n := countDocuments(t.Context(), []string{dir}, modeAuto); n != 28 {
		t.Errorf("count %d, want 28", n)
	}
	if n := countDocuments(t.Context(), []string{"-"}, modeAuto); n != 0 {
		t.Errorf("stdin counted: %d", n)
	}
}

// TestProgressLines checks what each mode writes when stderr is not a
// terminal (a buffer): nothing by default or with --quiet, plain lines
// for logs with --progress.
func TestProgressLines(t *testing.T) {
	for _, mode := range []progressMode{progressAuto, progressQuiet} {
		var buf bytes.Buffer
		p := newProgress(&buf, mode)
		p.add(5)
		p.done()
		if p.on() || buf.Len() != 0 {
			t.Errorf("mode %d off a terminal wrote %q", mode, buf.String())
		}
	}
	var buf bytes.Buffer
	p := newProgress(&buf, progressAlways)
	p.add(5)
	if buf.Len() != 0 {
		t.Errorf("a line before %s: %q", progressEvery, buf.String())
	}
	p.start = p.start.Add(-time.Minute)
	p.last = p.last.Add(-progressEvery)
	p.total = 100
	p.add(10)
	line := buf.String()
	for _, want := range []string{"geoparse: 15/100 articles", "articles/s", "ETA "} {
		if !strings.Contains(line, want) {
			t.Errorf("progress line %q lacks %q", line, want)
		}
	}
	if strings.ContainsAny(line, "\r\x1b") {
		t.Errorf("terminal control characters in a log line: %q", line)
	}
	p.done()
	if !strings.HasSuffix(buf.String(), "\n") || !strings.Contains(buf.String(), "15 articles in") {
		t.Errorf("final line: %q", buf.String())
	}
	if isTerminal(&buf) {
		t.Error("a buffer is a terminal")
	}
	if f, err := os.Open(os.DevNull); err == nil {
		if isTerminal(f) {
			t.Error("/dev/null is a terminal")
		}
		f.Close()
	}
}

// TestDuplicateIDs: a document whose id an earlier document of the batch
// has is kept, renamed ID~N, with a warning that names both places; so
// documents and features keep unique ids in every format.
func TestDuplicateIDs(t *testing.T) {
	const (
		lyon  = "Floods hit Lyon on Monday."
		nice  = "Fire broke out in Nice on Monday."
		oslo  = "Snow fell in Oslo on Monday."
		empty = ""
	)
	line := func(id, text string) string {
		fields := map[string]string{"text": text}
		if id != "" {
			fields["id"] = id
		}
		b, _ := json.Marshal(fields)
		return string(b) + "\n"
	}
	type file struct{ name, content string }
	thirteen := strings.Repeat(line("A", lyon), 13)
	for _, tc := range []struct {
		name  string
		files []file
		ids   []string // of the output's documents, in order
		// warnings are the lines expected on stderr, {dir} standing for
		// the input folder.
		warnings []string
	}{
		{
			name:     "a line repeats the id of an earlier line with another text",
			files:    []file{{"a.jsonl", line("A", lyon) + line("B", nice) + line("A", oslo)}},
			ids:      []string{"A", "B", "A~2"},
			warnings: []string{`{dir}/a.jsonl:3: id "A" was already used by {dir}/a.jsonl:1; this document is "A~2" in the output`},
		},
		{
			name:     "two files use the same id",
			files:    []file{{"a.jsonl", line("A", lyon)}, {"b.jsonl", line("A", nice)}},
			ids:      []string{"A", "A~2"},
			warnings: []string{`{dir}/b.jsonl:1: id "A" was already used by {dir}/a.jsonl:1; this document is "A~2" in the output`},
		},
		{
			name:     "the same article twice without an id has one text hash, and every feature twice",
			files:    []file{{"x.txt", lyon}, {"y.txt", lyon}},
			ids:      []string{extract.TextID(lyon), extract.TextID(lyon) + "~2"},
			warnings: []string{`{dir}/y.txt: id "` + extract.TextID(lyon) + `" was already used by {dir}/x.txt; this document is "` + extract.TextID(lyon) + `~2" in the output`},
		},
		{
			name:  "a new id that the input already used is passed over",
			files: []file{{"a.jsonl", line("A", lyon) + line("A~2", nice) + line("A", oslo)}},
			ids:   []string{"A", "A~2", "A~3"},
			warnings: []string{
				`{dir}/a.jsonl:3: id "A" was already used by {dir}/a.jsonl:1; this document is "A~3" in the output`,
			},
		},
		{
			name:  "an id the input gives after a renaming is itself a repeat",
			files: []file{{"a.jsonl", line("A", lyon) + line("A", nice) + line("A~2", oslo)}},
			ids:   []string{"A", "A~2", "A~2~2"},
			warnings: []string{
				`{dir}/a.jsonl:2: id "A" was already used by {dir}/a.jsonl:1; this document is "A~2" in the output`,
				`{dir}/a.jsonl:3: id "A~2" was already used by {dir}/a.jsonl:2; this document is "A~2~2" in the output`,
			},
		},
		{
			name:  "a line that cannot be read takes no id",
			files: []file{{"a.jsonl", line("A", empty) + line("A", lyon)}},
			ids:   []string{"A"},
		},
		{
			name:  "warnings stop at ten and the rest are counted",
			files: []file{{"a.jsonl", thirteen}},
			ids:   []string{"A", "A~2", "A~3", "A~4", "A~5", "A~6", "A~7", "A~8", "A~9", "A~10", "A~11", "A~12", "A~13"},
			warnings: []string{
				`{dir}/a.jsonl:2: id "A" was already used by {dir}/a.jsonl:1; this document is "A~2" in the output`,
				`{dir}/a.jsonl:3: id "A" was already used by {dir}/a.jsonl:1; this document is "A~3" in the output`,
				`{dir}/a.jsonl:4: id "A" was already used by {dir}/a.jsonl:1; this document is "A~4" in the output`,
				`{dir}/a.jsonl:5: id "A" was already used by {dir}/a.jsonl:1; this document is "A~5" in the output`,
				`{dir}/a.jsonl:6: id "A" was already used by {dir}/a.jsonl:1; this document is "A~6" in the output`,
				`{dir}/a.jsonl:7: id "A" was already used by {dir}/a.jsonl:1; this document is "A~7" in the output`,
				`{dir}/a.jsonl:8: id "A" was already used by {dir}/a.jsonl:1; this document is "A~8" in the output`,
				`{dir}/a.jsonl:9: id "A" was already used by {dir}/a.jsonl:1; this document is "A~9" in the output`,
				`{dir}/a.jsonl:10: id "A" was already used by {dir}/a.jsonl:1; this document is "A~10" in the output`,
				`{dir}/a.jsonl:11: id "A" was already used by {dir}/a.jsonl:1; this document is "A~11" in the output`,
				`12 documents repeated an earlier document's id (2 more than shown above); each is ID~N in the output`,
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			var paths []string
			for _, f := range tc.files {
				paths = append(paths, filepath.Join(dir, f.name))
				if err := os.WriteFile(paths[len(paths)-1], []byte(f.content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			stdout, stderr, _ := run(t, "", append([]string{"extract", "--format", "jsonl"}, paths...)...)
			var ids []string
			for _, d := range decodeJSONL(t, stdout) {
				ids = append(ids, d.ID)
			}
			if !slices.Equal(ids, tc.ids) {
				t.Errorf("documents %q, want %q\n%s", ids, tc.ids, stderr)
			}
			var warnings []string
			for _, l := range strings.Split(stderr, "\n") {
				if strings.Contains(l, "already used") || strings.Contains(l, "repeated an earlier") {
					warnings = append(warnings, strings.TrimPrefix(l, "geoparse: "))
				}
			}
			var want []string
			for _, w := range tc.warnings {
				want = append(want, strings.ReplaceAll(w, "{dir}", dir))
			}
			if !slices.Equal(warnings, want) {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), strings.Join(want, "\n"))
			}

			// In one FeatureCollection, every feature id once; each
			// document's features under its own id.
			collection, stderr, _ := run(t, "", append([]string{"extract", "--format", "geojson"}, paths...)...)
			var fc struct {
				Features []struct {
					ID         string `json:"id"`
					Properties struct {
						DocID string `json:"doc_id"`
					} `json:"properties"`
				} `json:"features"`
			}
			if err := json.Unmarshal([]byte(collection), &fc); err != nil {
				t.Fatalf("geojson: %v\n%s", err, stderr)
			}
			seen, docs := map[string]bool{}, map[string]bool{}
			for _, f := range fc.Features {
				if seen[f.ID] {
					t.Errorf("feature id %s twice in the FeatureCollection", f.ID)
				}
				seen[f.ID] = true
				docs[f.Properties.DocID] = true
			}
			for _, id := range tc.ids {
				if !docs[id] {
					t.Errorf("no feature of document %q (features of %v)", id, docs)
				}
			}
		})
	}
}

// TestResumeRepeatedIDsAtEveryCut cuts the output of a batch that repeats
// ids at every line and inside every line, as a kill can, and checks that
// --resume completes each to the uninterrupted output. Before repeats
// were renamed, a cut after the first "A" made the resumed run skip every
// later "A": their records were lost.
func TestResumeRepeatedIDsAtEveryCut(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "repeats.jsonl")
	lines := []string{
		`{"id":"A","text":"Floods hit Lyon on Monday."}`,
		`{"id":"A","text":"Floods hit Lyon on Monday."}`, // the line again
		`{"id":"B","text":"Fire broke out in Nice on Monday."}`,
		`{"id":"A","text":"Snow fell in Oslo on Monday."}`,
		`{"id":"A","text":""}`, // unreadable: takes no id
		`{"id":"A~2","text":"Storms hit Porto on Monday."}`,
		`{"text":"Storms hit Athens on Tuesday."}`,
		`{"text":"Storms hit Athens on Tuesday."}`, // the same text hash
		`{"id":"C","text":"Police closed roads in Kharkiv on Monday."}`,
	}
	if err := os.WriteFile(in, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{formatGeoJSONSeq, formatJSONL} {
		t.Run(format, func(t *testing.T) {
			full := filepath.Join(dir, "full."+format)
			if _, stderr, err := run(t, "", "extract", "--format", format, "-o", full, in); err == nil {
				t.Fatalf("the empty line did not fail the run:\n%s", stderr)
			}
			want, err := os.ReadFile(full)
			if err != nil {
				t.Fatal(err)
			}
			var cuts []int
			for i, c := range want {
				if c == '\n' {
					cuts = append(cuts, i+1, i+1+(bytes.IndexByte(want[i+1:], '\n')+1)/2)
				}
			}
			if len(cuts) < 2*8 {
				t.Fatalf("only %d output lines: the batch proves little", len(cuts)/2)
			}
			for _, cut := range append([]int{0}, cuts...) {
				out := filepath.Join(t.TempDir(), "cut."+format)
				if err := os.WriteFile(out, want[:cut], 0o644); err != nil {
					t.Fatal(err)
				}
				run(t, "", "extract", "--format", format, "--resume", "-o", out, in)
				if got, _ := os.ReadFile(out); !bytes.Equal(got, want) {
					t.Errorf("cut at byte %d of %d: the resumed output differs:\n%s\nwant:\n%s", cut, len(want), got, want)
				}
			}
		})
	}
}
