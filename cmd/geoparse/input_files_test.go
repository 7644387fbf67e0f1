package main

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFolderInputs: a folder's .json and gzip-compressed files are read
// like the same files given directly; a named pipe and a dangling link are
// reported and skipped (a pipe would block the run); the rest of the
// folder still comes out.
func TestFolderInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.json", "{\n  \"id\": \"pretty\",\n  \"text\": \"Floods hit Lyon on Monday.\"\n}\n")
	write("b.jsonl", "\ufeff{\"id\":\"bom\",\"text\":\"Snow fell in Oslo on Monday.\"}\r{\"id\":\"cr\",\"text\":\"Fire in Nice on Monday.\"}\r")
	f, err := os.Create(filepath.Join(dir, "c.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	zw.Write([]byte("{\"id\":\"gz\",\"text\":\"Storms hit Porto on Monday.\"}\n"))
	zw.Close()
	f.Close()
	if err := syscall.Mkfifo(filepath.Join(dir, "d.jsonl"), 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	if err := os.Symlink(filepath.Join(dir, "gone.txt"), filepath.Join(dir, "e.txt")); err != nil {
		t.Fatal(err)
	}
	write("notes.md", "not an article")

	type result struct {
		stdout, stderr string
		err            error
	}
	done := make(chan result, 1)
	go func() {
		stdout, stderr, err := run(t, "", "extract", "--published", "2024-05-07", "--format", "jsonl", dir)
		done <- result{stdout, stderr, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the run hung (on the named pipe?)")
	}
	var ids []string
	for _, d := range decodeJSONL(t, r.stdout) {
		ids = append(ids, d.ID)
	}
	if got := strings.Join(ids, ","); got != "pretty,bom,cr,gz" {
		t.Errorf("documents %s, want pretty,bom,cr,gz\n%s", got, r.stderr)
	}
	for _, want := range []string{"d.jsonl: not a regular file (p", "e.txt: symbolic link to nothing readable", "2 of 6 documents failed"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if r.err == nil {
		t.Error("exit status 0 with failed inputs")
	}
}

// TestErrorRecordSources: every --errors record names where its document
// came from in source, as the output's source property does (FILE:LINE,
// FILE, stdin); an error for a whole file has an empty id and no line, and
// its source is the file.
func TestErrorRecordSources(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, content []byte) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, content, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	missing := filepath.Join(dir, "missing.txt")
	latin1 := write("latin1.txt", []byte("Caf\xe9 in Lyon"))
	corrupt := write("corrupt.jsonl.gz", []byte("\x1f\x8bnot gzip at all"))
	folder := filepath.Join(dir, "folder")
	os.Mkdir(folder, 0o755)
	dangling := filepath.Join(folder, "gone.txt")
	if err := os.Symlink(filepath.Join(dir, "nowhere.txt"), dangling); err != nil {
		t.Fatal(err)
	}
	lines := write("lines.jsonl", []byte("{\"id\":\"ok\",\"text\":\"Floods hit Lyon on Monday.\"}\n{\"id\": \"torn\", \"text\": \n{\"id\":\"e\",\"text\":\"\"}\n"))
	errs := filepath.Join(dir, "errors.jsonl")
	if _, stderr, err := run(t, "\xff", "extract", "--errors", errs, missing, latin1, corrupt, folder, lines, "-"); err == nil {
		t.Fatalf("a batch of bad inputs succeeded:\n%s", stderr)
	}

	type record struct {
		id, file string
		line     int // 0: no "line" member
		source   string
		message  string // a part of it
	}
	want := []record{
		{"", missing, 0, missing, "no such file"},
		{"", latin1, 0, latin1, "not valid UTF-8"},
		{"", corrupt, 0, corrupt, "gzip-compressed"},
		{"", dangling, 0, dangling, "symbolic link to nothing readable"},
		{"", lines, 2, lines + ":2", "malformed JSON"},
		{"e", lines, 3, lines + ":3", "empty text"},
		{"", "stdin", 0, "stdin", "not valid UTF-8"},
	}
	got := readLines(t, errs)
	if len(got) != len(want) {
		t.Fatalf("%d error records, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i, w := range want {
		var r map[string]any
		if err := json.Unmarshal([]byte(got[i]), &r); err != nil {
			t.Fatalf("record %q: %v", got[i], err)
		}
		line, hasLine := r["line"].(float64)
		switch {
		case r["id"] != w.id || r["file"] != w.file || r["source"] != w.source:
			t.Errorf("record %d: id %q, file %q, source %q; want %q, %q, %q", i+1, r["id"], r["file"], r["source"], w.id, w.file, w.source)
		case w.line == 0 && hasLine, w.line > 0 && int(line) != w.line:
			t.Errorf("record %d: line %v, want %d (0: none)", i+1, r["line"], w.line)
		case !strings.Contains(fmt.Sprint(r["message"]), w.message):
			t.Errorf("record %d: message %q lacks %q", i+1, r["message"], w.message)
		}
	}
}
