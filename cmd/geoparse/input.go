package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/geoparse/geoparse/extract"
)

// item is one unit of a batch: a document to extract, or the error that
// kept a line or file from becoming one. Either way it keeps its place in
// the batch so output order follows input order.
type item struct {
	seq  int
	doc  extract.Document
	src  source
	err  error
	done chan struct{}
	// filled by a worker
	res    extract.Result
	resErr error
}

// source says where a document came from, for error messages.
type source struct {
	File string // "-" for stdin
	Line int    // JSONL line, 0 for a whole-file document
}

func (s source) String() string {
	name := s.File
	if name == "-" {
		name = "stdin"
	}
	if s.Line > 0 {
		return fmt.Sprintf("%s:%d", name, s.Line)
	}
	return name
}

// inputMode says how to read a path or stdin.
type inputMode string

const (
	modeAuto  inputMode = "auto"
	modeText  inputMode = "text"
	modeJSONL inputMode = "jsonl"
)

func parseInputMode(s string) (inputMode, error) {
	switch m := inputMode(strings.ToLower(s)); m {
	case modeAuto, modeText, modeJSONL:
		return m, nil
	case "":
		return modeAuto, nil
	}
	return "", fmt.Errorf("--input %q: want auto, text or jsonl", s)
}

// defaultMaxArticle is the default of --max-article: the largest article
// read, as a .txt file, standard input or one JSONL line. Larger ones are
// reported and skipped, not loaded whole.
const defaultMaxArticle = 5 << 20

// errTooLarge builds the per-document error for an article over limit.
func errTooLarge(what string, limit int64) error {
	return fmt.Errorf("%s larger than the --max-article limit of %s; skipped", what, formatSize(limit))
}

// formatSize writes a byte count as parseSize reads it.
func formatSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// readInputs sends every document of paths (stdin when empty or "-") to
// emit, in order. A file or line that cannot be read is sent as an item
// with err set and reading goes on with the next one. maxArticle bounds
// one article (a text file, stdin as text, or a JSONL line); <= 0 means
// defaultMaxArticle.
func readInputs(ctx context.Context, paths []string, mode inputMode, maxArticle int64, stdin io.Reader, emit func(extract.Document, source, error) bool) {
	if maxArticle <= 0 {
		maxArticle = defaultMaxArticle
	}
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	for _, p := range paths {
		if ctx.Err() != nil {
			return
		}
		if p == "-" {
			m := mode
			if m == modeAuto {
				m = modeText
			}
			if !readStream(stdin, "-", m, maxArticle, emit) {
				return
			}
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			if !emit(extract.Document{}, source{File: p}, cleanPathError(err)) {
				return
			}
			continue
		}
		files := []string{p}
		if info.IsDir() {
			files, err = listDir(p)
			if err != nil {
				if !emit(extract.Document{}, source{File: p}, err) {
					return
				}
				continue
			}
		}
		for _, f := range files {
			if !readFile(f, mode, maxArticle, emit) {
				return
			}
		}
	}
}

// listDir returns the .txt and .jsonl files under dir, sorted, so a batch
// over a folder is processed in the same order every time.
func listDir(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			switch strings.ToLower(filepath.Ext(path)) {
			case ".txt", ".jsonl", ".ndjson":
				files = append(files, path)
			}
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

func readFile(path string, mode inputMode, maxArticle int64, emit func(extract.Document, source, error) bool) bool {
	f, err := os.Open(path)
	if err != nil {
		return emit(extract.Document{}, source{File: path}, cleanPathError(err))
	}
	defer f.Close()
	m := mode
	if m == modeAuto {
		switch strings.ToLower(filepath.Ext(path)) {
		case ".jsonl", ".ndjson":
			m = modeJSONL
		default:
			m = modeText
		}
	}
	if m == modeText {
		// Check the size before reading: an oversized article is
		// skipped without being loaded.
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > maxArticle {
			return emit(extract.Document{ID: path}, source{File: path}, errTooLarge(fmt.Sprintf("file of %d bytes", st.Size()), maxArticle))
		}
	}
	return readStream(f, path, m, maxArticle, emit)
}

// readStream reads one text document, or a JSONL stream of documents.
// A text over maxArticle bytes, or a JSONL line over it, is reported and
// skipped; memory stays bounded by maxArticle.
func readStream(r io.Reader, name string, mode inputMode, maxArticle int64, emit func(extract.Document, source, error) bool) bool {
	if maxArticle <= 0 {
		maxArticle = defaultMaxArticle
	}
	if mode == modeText {
		id := name
		if name == "-" {
			id = "stdin"
		}
		src := source{File: name}
		b, err := io.ReadAll(io.LimitReader(r, maxArticle+1))
		if err != nil {
			return emit(extract.Document{ID: id}, src, err)
		}
		if int64(len(b)) > maxArticle {
			return emit(extract.Document{ID: id}, src, errTooLarge("text", maxArticle))
		}
		return emit(extract.Document{ID: id, Text: string(b)}, src, extract.CheckText(string(b)))
	}
	br := bufio.NewReaderSize(r, 1<<16)
	for line := 1; ; line++ {
		b, tooLong, err := readLine(br, maxArticle)
		if len(b) == 0 && !tooLong && err != nil {
			if err != io.EOF {
				return emit(extract.Document{}, source{File: name, Line: line}, err)
			}
			return true
		}
		src := source{File: name, Line: line}
		var doc extract.Document
		var derr error
		switch {
		case tooLong:
			derr = errTooLarge("line", maxArticle)
		case len(bytes.TrimSpace(b)) == 0:
			continue // blank lines between records are harmless
		default:
			doc, derr = parseJSONLDocument(b)
		}
		if doc.ID == "" {
			doc.ID = src.String()
		}
		if !emit(doc, src, derr) {
			return false
		}
		if err == io.EOF {
			return true
		}
	}
}

// readLine returns the next line without its newline; tooLong reports a
// line over limit bytes, whose rest is skipped (read, not kept).
func readLine(br *bufio.Reader, limit int64) (line []byte, tooLong bool, err error) {
	for {
		chunk, isPrefix, e := br.ReadLine()
		if tooLong || int64(len(line))+int64(len(chunk)) > limit {
			line = line[:0]
			tooLong = true
		} else {
			line = append(line, chunk...)
		}
		if e != nil {
			return line, tooLong, e
		}
		if !isPrefix {
			return line, tooLong, nil
		}
	}
}

func parseJSONLDocument(b []byte) (extract.Document, error) { return extract.UnmarshalDocument(b) }

// cleanPathError drops the operation name from an *fs.PathError: the
// caller already names the file.
func cleanPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// inputFiles lists the files of paths as readInputs reads them (folders
// expanded; stdin and unreadable paths left out).
func inputFiles(paths []string) []string {
	var files []string
	for _, p := range paths {
		if p == "-" {
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			continue
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		if fs, err := listDir(p); err == nil {
			files = append(files, fs...)
		}
	}
	return files
}

// inputBytes is the total size of the input files (stdin counts 0).
func inputBytes(paths []string) int64 {
	var n int64
	for _, f := range inputFiles(paths) {
		if info, err := os.Stat(f); err == nil {
			n += info.Size()
		}
	}
	return n
}

// countDocuments counts the documents of the input files, for the
// progress bar's ETA: one a text file, one a non-blank line of a JSONL
// file. It returns 0 when stdin is among the inputs (it cannot be read
// twice) or ctx ends.
func countDocuments(ctx context.Context, paths []string, mode inputMode) int {
	if len(paths) == 0 {
		return 0
	}
	n := 0
	for _, p := range paths {
		if p == "-" {
			return 0
		}
	}
	for _, path := range inputFiles(paths) {
		if ctx.Err() != nil {
			return 0
		}
		m := mode
		if m == modeAuto {
			m = modeText
			switch strings.ToLower(filepath.Ext(path)) {
			case ".jsonl", ".ndjson":
				m = modeJSONL
			}
		}
		if m == modeText {
			n++
			continue
		}
		f, err := os.Open(path)
		if err != nil {
			continue
		}
		br := bufio.NewReaderSize(f, 1<<16)
		blank := true
		for {
			b, err := br.ReadSlice('\n')
			if len(bytes.TrimSpace(b)) > 0 {
				blank = false
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			if len(b) > 0 && b[len(b)-1] == '\n' || err != nil {
				if !blank {
					n++
				}
				blank = true
			}
			if err != nil {
				break
			}
		}
		f.Close()
	}
	return n
}
