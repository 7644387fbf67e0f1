package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/geoparse/geoparse/extract"
	"github.com/geoparse/geoparse/gazetteer"
	"github.com/geoparse/geoparse/geo"
)

// Output formats of geoparse extract: see package geo.
const (
	formatGeoJSON    = geo.FormatGeoJSON
	formatGeoJSONSeq = geo.FormatGeoJSONSeq
	formatJSONL      = geo.FormatJSONL
)

func (a *app) extractCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "extract [flags] [PATH...]",
		Short: "Extract people, places, dates and events from articles",
		Long: `Extract people, places, dates and events from articles.

PATH is a .txt file (one article), a .jsonl or .ndjson file (one article
a line: "id", "text", and optional "published", "title", "url"), a .json
file (one such object), any of these gzip-compressed (.jsonl.gz), a
folder (every such file under it; pipes and dangling links in it are
reported and skipped), or "-" for standard input (the default), read as
text unless --input says otherwise. A UTF-8 byte order mark is dropped,
and JSONL lines may end in LF, CRLF or CR.

A document that cannot be read or extracted (missing file, invalid UTF-8,
malformed JSONL line, empty text, an article over --max-article, 5 MB by
default) is reported on stderr with its file and line, and in --errors
FILE as JSON Lines ("id", "file", "line", "message", and "source", its
FILE:LINE, or FILE for an error of a whole file, whose "id" is empty);
the rest of the batch still comes out, and geoparse exits with status 1.

Output order follows input order, whatever --workers. -o FILE and
--errors FILE are written atomically (a temporary file renamed at the
end); a run removes the temporary files that killed runs left beside
them. With --resume, both are appended to instead, whole documents at a
time and in batches: a killed run leaves a valid prefix (a torn last line
is dropped on the next run), and rerunning the same command with --resume
skips the documents already in FILE. --resume needs -o and the geojsonseq
or jsonl format.

The output format is --format when given, else the one -o's extension
names (.geojson or .json: geojson; .geojsonl, .geojsonseq or .ndjson:
geojsonseq; .geojsons: geojsonseq with RFC 8142's RS before each record;
.jsonl: jsonl), else geojson (geojsonseq with --resume). The size of the
input never changes it.

A document's id is its "id" when the input gives one, else a hash of its
text (the same article gets the same id and feature ids wherever it is
read from); the file (and line) it came from is the "source" property.
Ids are unique in the output: a document whose id an earlier document of
the batch has is kept, with a warning naming both, under the id ID~2
(then ~3, ...), so that feature ids stay unique too.`,
		Example: `  geoparse extract --published 2022-09-14 article.txt > events.geojson
  geoparse extract -o annotations.jsonl articles.jsonl
  cat articles.jsonl | geoparse extract --input jsonl --format geojsonseq
  geoparse extract --resume -o events.geojsonl --errors errors.jsonl corpus/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runExtract(cmd.Context(), args)
		},
	}
	f := cmd.Flags()
	f.String("published", "", "publication date (YYYY-MM-DD) for documents that carry none")
	f.String("format", formatGeoJSON, "output format: geojson (one FeatureCollection), geojsonseq (one Feature a line), jsonl (one annotation object a document); unset, -o's extension decides")
	f.StringP("output", "o", "", "write to FILE atomically (temp file, then rename) instead of stdout")
	f.String("input", string(modeAuto), "how to read PATHs and stdin: auto (by extension; stdin is text), text, jsonl, json")
	f.Int("workers", runtime.GOMAXPROCS(0), "documents extracted in parallel")
	f.String("gazetteer", "", "gazetteer index folder built by 'geoparse gazetteer build' (default: the embedded one)")
	f.String("errors", "", "also write per-document errors to FILE as JSON Lines (id, file, line, message, source), atomically (appended to with --resume)")
	f.Bool("resume", false, "append to the -o FILE and skip the documents already in it (geojsonseq or jsonl)")
	f.String("max-article", "5MiB", "largest article read (a .txt file, stdin, or one JSONL line): bytes, or a size such as 5MiB or 5MB (MiB = 2²⁰ bytes, MB = 10⁶); larger ones are reported and skipped")
	f.Bool("progress", false, "show progress even when stderr is not a terminal: a plain line every 10 s, for logs (on a terminal a progress bar is shown anyway)")
	f.BoolP("quiet", "q", false, "print nothing but errors: no progress bar or lines")
	f.StringSlice("roles", []string{extract.RoleEvent}, "place roles that make event records, comma-separated: "+strings.Join(extract.Roles, ", "))
	return cmd
}

// extractConfig is the resolved configuration of one extract run.
type extractConfig struct {
	published string
	// publishedSource says where published came from: flag, env or
	// config.
	publishedSource string
	format          string
	output          string
	input           inputMode
	workers         int
	gazetteer       string
	errors          string
	resume          bool
	// roles are the place roles that make events (--roles).
	roles []string
	// progress is how progress is shown (--progress, --quiet).
	progress progressMode
	// recordSeparator puts RFC 8142's RS before each GeoJSONSeq record
	// (-o FILE.geojsons).
	recordSeparator bool
	// maxArticle is the largest article read (--max-article), in bytes.
	maxArticle int64
	// skip, when set, drops documents before extraction (--resume).
	skip func(id string) bool
}

// extractConfig reads and checks the settings of an extract run. Its
// errors name each setting as the user gave it (--format, GEOPARSE_FORMAT
// or format in the config file).
func (a *app) extractConfig() (extractConfig, error) {
	v := a.v
	c := extractConfig{
		published:       configString(v.Get("published")),
		publishedSource: a.publishedSource(),
		format:          strings.ToLower(v.GetString("format")),
		output:          v.GetString("output"),
		workers:         v.GetInt("workers"),
		gazetteer:       v.GetString("gazetteer"),
		errors:          v.GetString("errors"),
		resume:          v.GetBool("resume"),
		roles:           v.GetStringSlice("roles"),
	}
	switch {
	case v.GetBool("quiet"):
		c.progress = progressQuiet
	case v.GetBool("progress"):
		c.progress = progressAlways
	}
	bad := func(name string, err error) (extractConfig, error) {
		return c, fmt.Errorf("%s: %w", a.setting(name), err)
	}
	var err error
	if c.input, err = parseInputMode(v.GetString("input")); err != nil {
		return bad("input", err)
	}
	c.maxArticle = defaultMaxArticle
	if v.GetString("max-article") != "" {
		if c.maxArticle, err = parseSize(v.GetString("max-article")); err != nil {
			return bad("max-article", err)
		}
	}
	byExt, rs := geo.FormatOfPath(c.output)
	c.recordSeparator = rs
	switch {
	case v.IsSet("format"):
		if byExt != "" && byExt != c.format {
			fmt.Fprintf(a.stderr, "geoparse: writing %s into %s as %s says, though its extension suggests %s\n", c.format, c.output, a.setting("format"), byExt)
		}
	case byExt != "":
		c.format = byExt
	case c.resume:
		c.format = formatGeoJSONSeq
	}
	switch c.format {
	case formatGeoJSON, formatGeoJSONSeq, formatJSONL:
	default:
		return bad("format", fmt.Errorf("%q: want geojson, geojsonseq or jsonl", c.format))
	}
	if c.format != formatGeoJSONSeq {
		c.recordSeparator = false
	}
	if c.resume {
		if c.output == "" {
			return c, errors.New("--resume needs -o FILE")
		}
		if c.format == formatGeoJSON {
			return c, fmt.Errorf("--resume cannot append to %s: a FeatureCollection (geojson) is one JSON object; write GeoJSONSeq (-o FILE.geojsonl, or --format geojsonseq) or jsonl", c.output)
		}
	}
	if c.published != "" {
		t, err := time.Parse("2006-01-02", c.published)
		if err != nil {
			if err := extract.CheckDay(c.published); err != nil {
				return bad("published", fmt.Errorf("%q: %w", c.published, err))
			}
			return bad("published", fmt.Errorf("%q: want YYYY-MM-DD", c.published))
		}
		c.published = t.Format("2006-01-02")
	}
	if c.workers < 1 {
		return bad("workers", fmt.Errorf("%d: want 1 or more", c.workers))
	}
	if err := extract.CheckRoles(c.roles); err != nil {
		return bad("roles", err)
	}
	return c, nil
}

// publishedSource is Document.PublishedSource for the batch-wide date:
// where --published came from.
func (a *app) publishedSource() string {
	switch s := a.setting("published"); {
	case strings.HasPrefix(s, "GEOPARSE_"):
		return extract.PublishedFromEnv
	case strings.HasPrefix(s, "--"):
		return extract.PublishedFromFlag
	}
	return extract.PublishedFromConfig
}

// newExtractor opens the configured gazetteer and builds the extractor.
func newExtractor(c extractConfig) (*extract.Extractor, error) {
	opts := []extract.Option{extract.WithEventRoles(c.roles...)}
	if c.gazetteer != "" {
		ix, err := gazetteer.Open(c.gazetteer)
		if err != nil {
			return nil, err
		}
		opts = append(opts, extract.WithGazetteer(ix))
	}
	return extract.New(opts...)
}

// Batches of output: pending whole documents are written out when they
// reach flushBytes or flushDocs, or flushEvery has passed.
const (
	flushBytes = 1 << 20
	flushDocs  = 256
	flushEvery = time.Second
)

func (a *app) runExtract(ctx context.Context, paths []string) error {
	c, err := a.extractConfig()
	if err != nil {
		return usageError(err)
	}

	// Files that killed runs left half-written under these names go
	// first; those of runs still going stay (see tempfile.go).
	for _, name := range c.cleanStaleTemps() {
		if c.progress != progressQuiet {
			fmt.Fprintf(a.stderr, "geoparse: removed %s, left by a run that was killed\n", name)
		}
	}

	// The output: stdout, an atomic file, or (--resume) a file appended to.
	var out io.Writer = a.stdout
	var file *ownedFile
	var appendFile *os.File
	skipped := 0
	switch {
	case c.resume:
		if err := checkResumeSettings(c); err != nil {
			return usageError(err)
		}
		f, done, err := openResumable(c.output, c.format)
		if err != nil {
			return err
		}
		defer f.Close()
		appendFile, out = f, f
		c.skip = func(id string) bool {
			if done[id] {
				skipped++
				return true
			}
			return false
		}
	case c.output != "":
		if file, err = createOwned(c.output); err != nil {
			return err
		}
		defer file.Abort() // no-op after Commit
		out = file
	}
	var errLog *errorLog
	if c.errors != "" {
		if errLog, err = openErrorLog(c.errors, c.resume); err != nil {
			return fmt.Errorf("--errors: %w", err)
		}
		defer errLog.abort() // no-op after commit
	}
	ex, err := newExtractor(c)
	if err != nil {
		return err
	}

	sink := newSink(c.format, c.recordSeparator)
	lastFlush := time.Now()
	flush := func(force bool) error {
		if sink.pending.Len() == 0 || !force && sink.docs < flushDocs && sink.pending.Len() < flushBytes && time.Since(lastFlush) < flushEvery {
			return nil
		}
		// One write of whole documents: a kill leaves at worst a torn
		// last line, which --resume drops.
		_, err := out.Write(sink.pending.Bytes())
		sink.pending.Reset()
		sink.docs = 0
		lastFlush = time.Now()
		return err
	}

	prog := newProgress(a.stderr, c.progress)
	if prog.on() {
		go prog.count(ctx, paths, c.input)
	}
	failed, total, repeats := 0, 0, 0
	batchErr := runBatch(ctx, ex, paths, c, a.stdin, func(it *item) error {
		if d := it.dup; d != nil {
			// Warned in every run, resumed or not: the output holds the
			// renamed id either way.
			if repeats++; repeats <= maxDuplicateWarnings {
				prog.clear()
				fmt.Fprintf(a.stderr, "geoparse: %s: id %q was already used by %s; this document is %q in the output\n", d.at, d.id, d.first, d.renamed)
			}
		}
		if it.skipped {
			return nil
		}
		total++
		err := it.err
		if err == nil {
			err = it.resErr
		}
		if err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()) {
			// Stopped by the interrupt, not failed: a resumed run
			// extracts it, and --errors must not log it.
			return err
		}
		if err != nil {
			failed++
			prog.clear()
			fmt.Fprintf(a.stderr, "geoparse: %s: %v\n", it.src, err)
			prog.add(1)
			if errLog != nil {
				if err := errLog.write(it.doc.ID, it.src, err); err != nil {
					return fmt.Errorf("--errors: %w", err)
				}
			}
			return nil
		}
		prog.add(1)
		if n := it.res.DroppedEvents; n > 0 && c.progress != progressQuiet {
			prog.clear()
			fmt.Fprintf(a.stderr, "geoparse: %s: warning: %d events past the first %d of the document are not written\n", it.src, n, extract.MaxEvents)
		}
		if err := sink.write(&it.res); err != nil {
			return err
		}
		return flush(false)
	})
	prog.done()
	if repeats > maxDuplicateWarnings {
		fmt.Fprintf(a.stderr, "geoparse: %d documents repeated an earlier document's id (%d more than shown above); each is ID~N in the output\n", repeats, repeats-maxDuplicateWarnings)
	}
	if err := ctx.Err(); err != nil {
		if appendFile != nil && (batchErr == nil || errors.Is(batchErr, err)) && flush(true) == nil {
			appendFile.Sync()
			if errLog != nil {
				errLog.commit() // the lines appended so far, whole
			}
			return fmt.Errorf("interrupted after %d documents; rerun with --resume to continue: %w", total, err)
		}
		return fmt.Errorf("interrupted after %d documents; nothing written: %w", total, err)
	}
	if batchErr != nil {
		return fmt.Errorf("write: %w", batchErr)
	}
	if err := sink.close(); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	if err := flush(true); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	switch {
	case file != nil:
		if err := file.Commit(); err != nil {
			return err
		}
	case appendFile != nil:
		if err := appendFile.Sync(); err != nil {
			return fmt.Errorf("write: %w", err)
		}
		if err := appendFile.Close(); err != nil {
			return fmt.Errorf("write: %w", err)
		}
	}
	// After the output: an errors file never claims a run whose output
	// could not be written.
	if errLog != nil {
		if err := errLog.commit(); err != nil {
			return fmt.Errorf("--errors: %w", err)
		}
	}
	if skipped > 0 && c.progress != progressQuiet {
		fmt.Fprintf(a.stderr, "geoparse: resumed: %d documents already in %s were skipped\n", skipped, c.output)
	}
	if failed > 0 {
		fmt.Fprintf(a.stderr, "geoparse: %d of %d documents failed\n", failed, total)
		return errReported
	}
	return nil
}

// runBatch reads the inputs, extracts documents on c.workers goroutines
// and hands the items to handle in input order. A sink error stops the
// batch. A document that repeats an earlier one's id is renamed (see
// ids.go). Documents for which c.skip is true are not extracted; those
// renamed still reach handle, marked skipped, for the warning.
func runBatch(ctx context.Context, ex *extract.Extractor, paths []string, c extractConfig, stdin io.Reader, handle func(*item) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ordered := make(chan *item, 4*c.workers)
	work := make(chan *item, 4*c.workers)
	go func() {
		defer close(ordered)
		defer close(work)
		seq := 0
		ids := newDocIDs()
		readInputs(ctx, paths, c.input, c.maxArticle, stdin, func(doc extract.Document, src source, err error) bool {
			var dup *duplicate
			if err == nil {
				// Before the resume check, so that a repeat has the
				// same id in every run.
				dup = ids.claim(&doc, src)
			}
			skip := err == nil && c.skip != nil && c.skip(doc.ID)
			if skip && dup == nil {
				return true
			}
			doc.DefaultPublishedFrom(c.published, c.publishedSource)
			it := &item{seq: seq, doc: doc, src: src, err: err, dup: dup, skipped: skip, done: make(chan struct{})}
			seq++
			if err != nil || skip {
				close(it.done)
			}
			select {
			case ordered <- it:
			case <-ctx.Done():
				return false
			}
			if err == nil && !skip {
				select {
				case work <- it:
				case <-ctx.Done():
					return false
				}
			}
			return true
		})
	}()
	for w := 0; w < c.workers; w++ {
		go func() {
			for it := range work {
				it.res, it.resErr = ex.Extract(ctx, it.doc)
				close(it.done)
			}
		}()
	}
	for it := range ordered {
		select {
		case <-it.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		if err := handle(it); err != nil {
			return err
		}
		it.res = extract.Result{} // let the result go
	}
	return nil
}

// sink encodes results in one output format into pending, whole
// documents at a time.
type sink struct {
	format  string
	pending bytes.Buffer
	docs    int // documents in pending
	geo     interface {
		geo.Writer
		Flush() error
	}
	json *json.Encoder
}

func newSink(format string, recordSeparator bool) *sink {
	s := &sink{format: format}
	switch format {
	case formatGeoJSON:
		s.geo = geo.NewFeatureCollectionWriter(&s.pending)
	case formatGeoJSONSeq:
		var opts []geo.SeqOption
		if recordSeparator {
			opts = append(opts, geo.WithRecordSeparator())
		}
		s.geo = geo.NewSeqWriter(&s.pending, opts...)
	default:
		s.json = json.NewEncoder(&s.pending)
		s.json.SetEscapeHTML(false)
	}
	return s
}

func (s *sink) write(res *extract.Result) error {
	s.docs++
	if s.geo != nil {
		if err := s.geo.Write(geo.Records(res)...); err != nil {
			return err
		}
		return s.geo.Flush()
	}
	return s.json.Encode(geo.NewAnnotation(res))
}

func (s *sink) close() error {
	if s.geo != nil {
		return s.geo.Close()
	}
	return nil
}

// runSettings are the settings of an extract run that shape its output.
// A --resume run stores them beside its output (FILE.geoparse.json) and
// a later --resume run refuses to append under other ones: a file half
// with one --published date and half with another would be wrong
// without a word.
type runSettings struct {
	Format          string   `json:"format"`
	RecordSeparator bool     `json:"record_separator"`
	Published       string   `json:"published"`
	Roles           []string `json:"roles"`
	Gazetteer       string   `json:"gazetteer"`
	Input           string   `json:"input"`
	MaxArticle      int64    `json:"max_article"`
}

func (c extractConfig) runSettings() runSettings {
	gaz := c.gazetteer
	if gaz != "" {
		if abs, err := filepath.Abs(gaz); err == nil {
			gaz = abs
		}
	}
	return runSettings{Format: c.format, RecordSeparator: c.recordSeparator, Published: c.published,
		Roles: c.roles, Gazetteer: gaz, Input: string(c.input), MaxArticle: c.maxArticle}
}

// differences lists the settings of s that differ from was's, as flags.
func (s runSettings) differences(was runSettings) []string {
	var diff []string
	add := func(flag string, now, before any) {
		if fmt.Sprint(now) != fmt.Sprint(before) {
			diff = append(diff, fmt.Sprintf("%s %v (was %v)", flag, now, before))
		}
	}
	add("--format", s.Format, was.Format)
	add("record separator (.geojsons)", s.RecordSeparator, was.RecordSeparator)
	add("--published", s.Published, was.Published)
	add("--roles", strings.Join(s.Roles, ","), strings.Join(was.Roles, ","))
	add("--gazetteer", s.Gazetteer, was.Gazetteer)
	add("--input", s.Input, was.Input)
	add("--max-article", s.MaxArticle, was.MaxArticle)
	return diff
}

// settingsPath is where a --resume run keeps its settings.
func settingsPath(output string) string { return output + ".geoparse.json" }

// checkResumeSettings compares c with the settings stored beside the
// output by the run being resumed, or stores them for the first run.
func checkResumeSettings(c extractConfig) error {
	now := c.runSettings()
	path := settingsPath(c.output)
	b, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		b, err := json.MarshalIndent(now, "", "  ")
		if err != nil {
			return err
		}
		return writeOwned(path, append(b, '\n'))
	case err != nil:
		return fmt.Errorf("--resume: %w", err)
	}
	var was runSettings
	if err := json.Unmarshal(b, &was); err != nil {
		return fmt.Errorf("--resume: %s: %w", path, err)
	}
	if diff := now.differences(was); len(diff) > 0 {
		return fmt.Errorf("--resume: the run that wrote %s had other settings: %s; rerun it with those, or start afresh (remove %s and %s)",
			c.output, strings.Join(diff, "; "), c.output, path)
	}
	return nil
}

// openResumable opens an output file for --resume: it reads the records
// already there, drops a torn last line and, for GeoJSONSeq, the last
// document's records (they may be incomplete: that document is extracted
// again), and returns the file open for appending with the ids of the
// documents it holds. A whole line that is not a record of the format is
// an error: the file is not ours to cut.
func openResumable(path, format string) (*os.File, map[string]bool, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, nil, err
	}
	done := map[string]bool{}
	br := bufio.NewReaderSize(f, 1<<16)
	var (
		offset, keep int64 // keep: end of the last whole document
		lineNo       int
		lastID       string
		groupStart   int64 = -1
	)
	for {
		line, rerr := br.ReadBytes('\n')
		if len(line) > 0 && line[len(line)-1] == '\n' {
			lineNo++
			id, ok := recordDocID(line, format)
			if !ok {
				// A crash tears only the unterminated tail: a whole
				// line that is not a record means the file is not ours.
				f.Close()
				return nil, nil, fmt.Errorf("--resume: %s:%d: not a %s record; refusing to append", path, lineNo, format)
			}
			switch format {
			case formatJSONL:
				done[id] = true
				keep = offset + int64(len(line))
			default: // GeoJSONSeq: a document's records are contiguous
				if id != lastID || groupStart < 0 {
					if groupStart >= 0 {
						done[lastID] = true
						keep = offset
					}
					lastID, groupStart = id, offset
				}
			}
			offset += int64(len(line))
		}
		if rerr != nil {
			if rerr != io.EOF {
				f.Close()
				return nil, nil, rerr
			}
			break
		}
	}
	if err := f.Truncate(keep); err != nil {
		f.Close()
		return nil, nil, err
	}
	if _, err := f.Seek(keep, io.SeekStart); err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, done, nil
}

// recordDocID returns the document id of one output line.
func recordDocID(line []byte, format string) (string, bool) {
	line = bytes.TrimLeft(line, "\x1e")
	if format == formatJSONL {
		var a struct {
			ID       *string         `json:"id"`
			Entities json.RawMessage `json:"entities"`
		}
		if json.Unmarshal(line, &a) != nil || a.ID == nil || a.Entities == nil {
			return "", false
		}
		return *a.ID, true
	}
	var f struct {
		Type       string `json:"type"`
		Properties *struct {
			DocID string `json:"doc_id"`
		} `json:"properties"`
	}
	if json.Unmarshal(line, &f) != nil || f.Type != "Feature" || f.Properties == nil {
		return "", false
	}
	return f.Properties.DocID, true
}

// cleanStaleTemps removes the temporary files that killed runs left
// beside this run's files, and returns their names.
func (c extractConfig) cleanStaleTemps() []string {
	var removed []string
	if c.output != "" {
		removed = append(removed, removeStaleTemps(c.output)...)
		removed = append(removed, removeStaleTemps(settingsPath(c.output))...)
	}
	if c.errors != "" {
		removed = append(removed, removeStaleTemps(c.errors)...)
	}
	return removed
}

// errorLog writes per-document errors as JSON Lines, one write a line:
// to a new FILE written atomically like -o, or with --resume appended to
// FILE like the output.
type errorLog struct {
	w        io.Writer
	atomic   *ownedFile // a new FILE, renamed into place by commit
	appended *os.File   // --resume: FILE appended to
	seen     map[string]bool
}

// openErrorLog creates FILE, or with resume appends to it, dropping a torn
// last line and remembering the errors already logged.
func openErrorLog(path string, resume bool) (*errorLog, error) {
	if !resume {
		f, err := createOwned(path)
		if err != nil {
			return nil, err
		}
		return &errorLog{w: f, atomic: f}, nil
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	l := &errorLog{w: f, appended: f, seen: map[string]bool{}}
	br := bufio.NewReader(f)
	var keep int64
	for {
		line, rerr := br.ReadBytes('\n')
		if len(line) > 0 && line[len(line)-1] == '\n' {
			keep += int64(len(line))
			var r extract.ErrorRecord
			if json.Unmarshal(line, &r) == nil {
				l.seen[errorKey(r)] = true
			}
		}
		if rerr != nil {
			break
		}
	}
	terr := f.Truncate(keep)
	if terr == nil {
		_, terr = f.Seek(keep, io.SeekStart)
	}
	if terr != nil {
		f.Close()
		return nil, fmt.Errorf("%s: drop a torn last line: %w", path, terr)
	}
	return l, nil
}

func errorKey(r extract.ErrorRecord) string {
	return r.File + "\x00" + strconv.Itoa(r.Line) + "\x00" + r.ID
}

func (l *errorLog) write(id string, src source, err error) error {
	r := extract.NewErrorRecord(id, src, err)
	if l.seen[errorKey(r)] {
		return nil
	}
	b, jerr := json.Marshal(r)
	if jerr != nil {
		return jerr
	}
	_, werr := l.w.Write(append(b, '\n'))
	return werr
}

// commit puts the errors in place: renames a new FILE over the old one,
// or makes the appended lines durable.
func (l *errorLog) commit() error {
	if l.atomic != nil {
		return l.atomic.Commit()
	}
	err := l.appended.Sync()
	if cerr := l.appended.Close(); err == nil {
		err = cerr
	}
	return err
}

// abort drops a new FILE, leaving the old one as it was; appended lines
// stay, whole lines that a resumed run keeps. A no-op after commit.
func (l *errorLog) abort() {
	if l.atomic != nil {
		l.atomic.Close()
		return
	}
	l.appended.Close()
}
