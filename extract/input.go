package extract

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/dustin/go-humanize"
	"golang.org/x/text/transform"
)

// This file is how a batch names and reads its input documents: a text
// file is one document, a JSONL file one document a line. The CLI and the
// Beam pipeline both read through it, so a document gets the same id, and
// a bad one the same error, whichever of them reads it.

// Source says where a document came from, for error messages and the
// output's source property.
type Source struct {
	File string // "-" for stdin
	Line int    // JSONL line, 0 for a whole-file document
}

// String is "FILE:LINE", or FILE for a whole-file document; stdin is
// named "stdin". It is the document's Source.
func (s Source) String() string {
	name := s.File
	if name == "-" {
		name = "stdin"
	}
	if s.Line > 0 {
		return fmt.Sprintf("%s:%d", name, s.Line)
	}
	return name
}

// InputMode says how to read a file or stream of documents.
type InputMode string

// Input modes.
const (
	InputAuto  InputMode = "auto"  // by file extension: .jsonl and .ndjson are JSONL, the rest text
	InputText  InputMode = "text"  // the whole input is one document
	InputJSONL InputMode = "jsonl" // one JSON document a line
	InputJSON  InputMode = "json"  // the whole input is one JSON document
)

// ParseInputMode reads an --input flag value; empty means auto.
func ParseInputMode(s string) (InputMode, error) {
	switch m := InputMode(strings.ToLower(s)); m {
	case InputAuto, InputText, InputJSONL, InputJSON:
		return m, nil
	case "":
		return InputAuto, nil
	}
	return "", fmt.Errorf("%q: want auto, text, jsonl or json", s)
}

// For resolves InputAuto for a file by its extension, after a ".gz"
// (read decompressed): .jsonl and .ndjson are JSONL, .json one JSON
// document, anything else text. Other modes are returned as they are.
func (m InputMode) For(path string) InputMode {
	if m != InputAuto {
		return m
	}
	switch DocumentExt(path) {
	case ".jsonl", ".ndjson":
		return InputJSONL
	case ".json":
		return InputJSON
	}
	return InputText
}

// DocumentExt is the lower-case extension of path that says how to read
// it, looking through a ".gz": "a.JSONL.gz" → ".jsonl".
func DocumentExt(path string) string {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".gz" {
		ext = strings.ToLower(filepath.Ext(strings.TrimSuffix(path, filepath.Ext(path))))
	}
	return ext
}

// InputExts are the extensions (as DocumentExt gives them) of the files
// a batch reads from a folder.
var InputExts = []string{".txt", ".jsonl", ".ndjson", ".json"}

// DefaultMaxArticle is the default limit on one article, as a text file,
// standard input or one JSONL line. Larger ones are reported and skipped,
// not loaded whole.
const DefaultMaxArticle = 5 << 20

// Document.PublishedSource for a batch-wide default date: the CLI's
// --published flag, its GEOPARSE_PUBLISHED variable or its config file.
const (
	PublishedFromFlag   = "flag"
	PublishedFromEnv    = "env"
	PublishedFromConfig = "config"
)

// DefaultPublished gives doc the batch-wide publication date of a flag
// when it carries none; an empty date changes nothing.
func (d *Document) DefaultPublished(date string) {
	d.DefaultPublishedFrom(date, PublishedFromFlag)
}

// DefaultPublishedFrom is DefaultPublished with the date's source
// (PublishedFromFlag, PublishedFromEnv or PublishedFromConfig).
func (d *Document) DefaultPublishedFrom(date, source string) {
	if d.Published == "" && date != "" {
		d.Published, d.PublishedSource = date, source
	}
}

// errTooLarge builds the per-document error for an article over limit.
func errTooLarge(what string, limit int64) error {
	return fmt.Errorf("%s larger than the --max-article limit of %s; skipped", what, humanize.IBytes(uint64(limit)))
}

// ReadOptions say how [ReadDocuments] reads one file or stream.
type ReadOptions struct {
	// Name is the file name, "-" for stdin; documents' Source names it.
	Name string
	// Mode says how to read it; InputAuto (or "") decides by Name's
	// extension (see [InputMode.For]).
	Mode InputMode
	// Size is the input's length when known (a regular file): a text
	// over MaxArticle is then reported without being read. 0 or less
	// means unknown.
	Size int64
	// MaxArticle bounds one article, a text or a JSONL line, in bytes;
	// 0 or less means DefaultMaxArticle.
	MaxArticle int64
}

// ReadDocuments reads one text document, or a JSONL stream of documents,
// from r and hands each to emit with its source and the error that keeps
// it from being extracted (nil for a good one). A text over MaxArticle
// bytes, or a JSONL line over it, is reported and skipped, so memory stays
// bounded by MaxArticle. Blank JSONL lines are skipped. Each document's
// Source is set, and a readable document without an id gets its
// [TextID], so that a resumed batch can skip it unread. Reading stops
// when emit returns false; ReadDocuments returns false then.
func ReadDocuments(r io.Reader, opt ReadOptions, emit func(Document, Source, error) bool) bool {
	name, size, maxArticle := opt.Name, opt.Size, opt.MaxArticle
	if maxArticle <= 0 {
		maxArticle = DefaultMaxArticle
	}
	mode := opt.Mode
	if mode == "" || mode == InputAuto {
		mode = InputAuto.For(name)
	}
	r, compressed, err := decodeInput(r)
	if err != nil {
		return emit(Document{Source: Source{File: name}.String()}, Source{File: name}, err)
	}
	if mode == InputText || mode == InputJSON {
		src := Source{File: name}
		doc := Document{Source: src.String()}
		if size > 0 && size > maxArticle && !compressed {
			return emit(doc, src, errTooLarge(fmt.Sprintf("file of %d bytes", size), maxArticle))
		}
		b, err := io.ReadAll(io.LimitReader(r, maxArticle+1))
		if err != nil {
			return emit(doc, src, err)
		}
		if int64(len(b)) > maxArticle {
			return emit(doc, src, errTooLarge("text", maxArticle))
		}
		if mode == InputJSON {
			doc, err = UnmarshalDocument(b)
			doc.Source = src.String()
		} else {
			doc.Text = string(b)
			err = CheckText(doc.Text)
		}
		if err == nil && doc.ID == "" {
			doc.ID = TextID(doc.Text)
		}
		return emit(doc, src, err)
	}
	// JSON strings hold no raw line breaks, so old Mac files' lone CRs
	// can only end lines: read them as newlines.
	br := bufio.NewReaderSize(transform.NewReader(r, lineEnds{}), 1<<16)
	for line := 1; ; line++ {
		b, tooLong, err := readLine(br, maxArticle)
		if len(b) == 0 && !tooLong && err != nil {
			if err != io.EOF {
				return emit(Document{}, Source{File: name, Line: line}, err)
			}
			return true
		}
		src := Source{File: name, Line: line}
		var doc Document
		var derr error
		switch {
		case err != nil && err != io.EOF:
			derr = err // the line was cut short: reading failed
		case tooLong:
			derr = errTooLarge("line", maxArticle)
		case len(bytes.TrimSpace(b)) == 0:
			continue // blank lines between records are harmless
		default:
			doc, derr = UnmarshalDocument(b)
		}
		doc.Source = src.String()
		if doc.ID == "" && derr == nil {
			doc.ID = TextID(doc.Text)
		}
		if !emit(doc, src, derr) {
			return false
		}
		if err != nil {
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

// ErrorRecord is one per-document failure of a batch, as a JSON Lines
// errors file holds it (the CLI's --errors).
type ErrorRecord struct {
	ID      string `json:"id"`
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
	// Source is the document's place as the output's source property
	// names it: "FILE", "FILE:LINE" or "stdin:LINE". It is never empty,
	// unlike ID: an error of a whole file (missing, unreadable, not
	// UTF-8, too large) comes before any document could be read, so there
	// is no id to give, and Source is the file.
	Source string `json:"source"`
}

// NewErrorRecord returns the record of err for the document id read from
// src; stdin is named "stdin".
func NewErrorRecord(id string, src Source, err error) ErrorRecord {
	r := ErrorRecord{ID: id, File: src.File, Line: src.Line, Message: err.Error(), Source: src.String()}
	if r.File == "-" {
		r.File = "stdin"
	}
	return r
}

// decodeInput undoes what an input's bytes may carry before its text:
// gzip compression, recognized by its magic number whatever the file's
// name (a compressed file read as text would only be "not valid UTF-8"),
// and a UTF-8 byte order mark, which editors on Windows write and which
// would otherwise spoil the first JSONL line.
func decodeInput(r io.Reader) (_ io.Reader, compressed bool, _ error) {
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, true, fmt.Errorf("gzip-compressed, but unreadable: %w", err)
		}
		zr.Multistream(true)
		br, compressed = bufio.NewReader(gzipErrors{zr}), true
	}
	if bom, _ := br.Peek(3); bytes.Equal(bom, utf8BOM) {
		br.Discard(3)
	}
	return br, compressed, nil
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// gzipErrors says that an error came from decompressing.
type gzipErrors struct{ r io.Reader }

func (g gzipErrors) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		err = fmt.Errorf("gzip-compressed, but corrupt: %w", err)
	}
	return n, err
}

// lineEnds turns a lone CR (the line end of classic Mac OS files) into
// LF, and leaves CRLF and LF alone.
type lineEnds struct{ transform.NopResetter }

func (lineEnds) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		if nDst >= len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		c := src[nSrc]
		if c == '\r' {
			if nSrc+1 == len(src) && !atEOF {
				return nDst, nSrc, transform.ErrShortSrc // is an LF next?
			}
			if nSrc+1 == len(src) || src[nSrc+1] != '\n' {
				c = '\n'
			}
		}
		dst[nDst] = c
		nDst++
		nSrc++
	}
	return nDst, nSrc, nil
}
