// Package server is geoparse's HTTP API and map page (geoparse serve).
//
//	POST /v1/extract   text/plain, application/json ({id, text, published,
//	                   title, url}) or application/x-ndjson (a small batch,
//	                   one such object a line) → GeoJSON (?format=geojson,
//	                   the default), one Feature a line (?format=geojsonseq)
//	                   or one annotation a document (?format=jsonl)
//	GET  /v1/config    the page's settings (tile URL and attribution, the
//	                   name of the --open file)
//	GET  /v1/open      the result file given as Config.Open, for the page's
//	                   corpus view (404 when there is none)
//	GET  /healthz      {"status":"ok"}
//	GET  /             the map page; its scripts, styles and country
//	                   outlines are embedded in the binary (static/)
//
// Errors are JSON: {"error": "...", "line": N} (line for JSONL batches).
// Status codes: 400 malformed body, invalid UTF-8, empty text or bad
// query; 405 wrong method; 408 body not received within BodyTimeout; 413
// body over the limit (or a batch over MaxBatch documents, or a document
// over MaxArticle); 415 unknown content type; 503 with Retry-After when
// MaxConcurrent extractions are already running, when the bodies being
// received already hold MaxReceiving bytes, or when the extraction ran
// past Timeout.
//
// A request of POST /v1/extract goes through three stages, each bounded:
//
//  1. Receiving: the body is read before any concurrency slot is taken, so
//     that a client sending slowly holds a connection and the bytes it has
//     sent, never a slot. Reading must end within BodyTimeout (408) and the
//     bodies being received hold at most MaxReceiving bytes together (503).
//  2. Extracting: in one of MaxConcurrent slots, within Timeout (503). The
//     extraction gets a context that ends at the deadline and the slot is
//     held until the extraction has really returned, so the count of busy
//     slots is the work in progress, not the requests still waiting.
//  3. Answering: the response is encoded and written while the slot is
//     still held, so its memory and CPU count against MaxConcurrent too.
//     A client that reads its answer slowly keeps its slot for at most
//     WriteTimeout; then its connection is closed.
package server

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/geoparse/geoparse/extract"
	"github.com/geoparse/geoparse/geo"
)

//go:embed static
var staticFS embed.FS

// Defaults of [Config].
const (
	DefaultMaxBody  = 10 << 20
	DefaultTimeout  = 30 * time.Second
	DefaultMaxBatch = 100
	// DefaultBodyTimeout is the time to receive a body: 10 MiB at 350 KB/s.
	DefaultBodyTimeout = 30 * time.Second
	// DefaultWriteTimeout is the time to send an answer.
	DefaultWriteTimeout = 30 * time.Second
	// DefaultMaxArticle bounds the text of one document of a request.
	DefaultMaxArticle = 5 << 20
)

// Config configures a [Server].
type Config struct {
	// Extractor runs the pipeline; one, shared by all requests. Required.
	Extractor *extract.Extractor
	// MaxBody is the request body limit in bytes (default 10 MB); larger
	// bodies get 413.
	MaxBody int64
	// MaxArticle is the largest text of one document, in bytes (default
	// 5 MB); a request holding a larger one gets 413.
	MaxArticle int64
	// Timeout bounds the extraction of one request, from when its body has
	// been received (default 30 s); past it the request gets 503 and the
	// extraction's context ends.
	Timeout time.Duration
	// BodyTimeout bounds the time to receive a request's body, from when
	// its headers have been read (default 30 s); a body not received by
	// then gets 408 and the connection is closed. Bodies are read before a
	// concurrency slot is taken, so waiting for one costs no slot. It also
	// bounds how long an early answer (busy, bad query) waits for the rest
	// of a body, which net/http reads before answering.
	BodyTimeout time.Duration
	// WriteTimeout bounds the time to send the answer of an extraction
	// (default 30 s). The answer is written while the request holds its
	// slot, so a client that does not read it keeps the slot this long at
	// most; then the connection is closed.
	WriteTimeout time.Duration
	// MaxConcurrent is how many extraction requests run at once (default
	// GOMAXPROCS×2); more get 503 with Retry-After at once.
	MaxConcurrent int
	// MaxReceiving bounds the bytes of request bodies received but not yet
	// extracting, over all connections (default MaxConcurrent × MaxBody;
	// at least MaxBody). Bytes count as they arrive, so a slow client
	// holds only what it has sent; a request whose body would pass the
	// bound gets 503 with Retry-After. It keeps many connections
	// uploading at once from growing memory without limit now that bodies
	// are read before a slot is taken.
	MaxReceiving int64
	// MaxBatch is the most documents one JSONL request may hold (default
	// 100); more get 413.
	MaxBatch int
	// Tiles is a base-map tile URL template ({z}/{x}/{y}); empty means a
	// plain background with the embedded country outlines.
	Tiles string
	// TilesAttribution is shown on the map when Tiles is set.
	TilesAttribution string
	// Open is a result file of geoparse extract (.geojson, .geojsonl or
	// .jsonl) that the page loads at startup into its corpus view; the
	// server serves it at /v1/open, reading it anew for each request.
	// Empty means none.
	Open string
	// Logger receives one access-log line per request (default: discard).
	Logger *slog.Logger
}

// Server serves the API and the page. It is an http.Handler.
type Server struct {
	cfg Config
	// sem holds one token per busy extraction slot (see slot).
	sem chan struct{}
	// receiving counts the bytes of bodies being received (MaxReceiving).
	receiving budget
	mux       *http.ServeMux
	log       *slog.Logger
	extract   func(context.Context, extract.Document) (extract.Result, error)
}

// New returns a Server for cfg, with defaults filled in.
func New(cfg Config) (*Server, error) {
	if cfg.Extractor == nil {
		return nil, errors.New("server: nil Extractor")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.MaxArticle <= 0 {
		cfg.MaxArticle = DefaultMaxArticle
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.BodyTimeout <= 0 {
		cfg.BodyTimeout = DefaultBodyTimeout
	}
	if cfg.WriteTimeout <= 0 {
		cfg.WriteTimeout = DefaultWriteTimeout
	}
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = runtime.GOMAXPROCS(0) * 2
	}
	if cfg.MaxReceiving <= 0 {
		cfg.MaxReceiving = int64(cfg.MaxConcurrent) * cfg.MaxBody
	}
	if cfg.MaxReceiving < cfg.MaxBody {
		return nil, fmt.Errorf("server: MaxReceiving of %d bytes is below MaxBody (%d bytes): a body at the limit could never be received", cfg.MaxReceiving, cfg.MaxBody)
	}
	if cfg.MaxBatch <= 0 {
		cfg.MaxBatch = DefaultMaxBatch
	}
	if cfg.Open != "" {
		if err := checkOpenFile(cfg.Open); err != nil {
			return nil, err
		}
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{
		cfg:     cfg,
		sem:     make(chan struct{}, cfg.MaxConcurrent),
		mux:     http.NewServeMux(),
		log:     log,
		extract: cfg.Extractor.Extract,
	}
	s.receiving.max = cfg.MaxReceiving
	static, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, err
	}
	files := http.FileServerFS(static)
	s.mux.HandleFunc("/v1/extract", s.handleExtract)
	s.mux.HandleFunc("/v1/config", s.handleConfig)
	s.mux.HandleFunc("/v1/open", s.handleOpen)
	s.mux.HandleFunc("/healthz", s.handleHealth)
	s.mux.Handle("/", onlyGet(files))
	return s, nil
}

// Config returns the configuration in force, defaults filled in.
func (s *Server) Config() Config { return s.cfg }

// ServeHTTP implements http.Handler, with the access log around it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &recorder{ResponseWriter: w}
	defer func() {
		status := rec.status
		if status == 0 {
			status = http.StatusOK
		}
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", status),
			slog.Int64("bytes", rec.bytes),
			slog.Int64("req_bytes", r.ContentLength),
			slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000),
			slog.String("remote", r.RemoteAddr),
		)
	}()
	rec.Header().Set("X-Content-Type-Options", "nosniff")
	s.mux.ServeHTTP(rec, r)
}

// slot is one of the MaxConcurrent extraction places. Both the handler
// (until its answer is written) and the extraction goroutine (until it
// returns, which after a timeout can be later) hold it; the last to let go
// gives it back, so that busy slots count the work really in progress.
type slot struct {
	sem  chan struct{}
	refs atomic.Int32
}

// acquire takes a free slot, held once; nil when all are busy.
func (s *Server) acquire() *slot {
	select {
	case s.sem <- struct{}{}:
		sl := &slot{sem: s.sem}
		sl.refs.Store(1)
		return sl
	default:
		return nil
	}
}

// hold adds a holder; each holder calls release once.
func (sl *slot) hold() { sl.refs.Add(1) }

func (sl *slot) release() {
	if sl.refs.Add(-1) == 0 {
		<-sl.sem
	}
}

// budget is a count of bytes with a ceiling, shared by the requests.
type budget struct {
	used atomic.Int64
	max  int64
}

// reservation is what one request holds of a budget.
type reservation struct {
	b    *budget
	held int64
}

// take adds n bytes; false, adding nothing, when that would pass the
// ceiling.
func (r *reservation) take(n int64) bool {
	if r.b.used.Add(n) > r.b.max {
		r.b.used.Add(-n)
		return false
	}
	r.held += n
	return true
}

// release gives back all the reservation holds; it may be called again.
func (r *reservation) release() {
	r.b.used.Add(-r.held)
	r.held = 0
}

// budgetReader counts the bytes read against a reservation, failing with
// errReceiving when the budget is spent.
type budgetReader struct {
	r   io.Reader
	res *reservation
}

func (br *budgetReader) Read(p []byte) (int, error) {
	n, err := br.r.Read(p)
	if n > 0 && !br.res.take(int64(n)) {
		return 0, errReceiving
	}
	return n, err
}

// recorder keeps the status and size of a response for the access log.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func onlyGet(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			methodNotAllowed(w, "GET, HEAD")
			return
		}
		if r.URL.Path == "/" || r.URL.Path == "/index.html" {
			w.Header().Set("Cache-Control", "no-cache")
		} else if strings.HasSuffix(r.URL.Path, "/") {
			writeError(w, http.StatusNotFound, "not found", 0) // no folder listings
			return
		}
		h.ServeHTTP(w, r)
	})
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		methodNotAllowed(w, "GET, HEAD")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok"})
}

func (s *Server) handleConfig(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		methodNotAllowed(w, "GET, HEAD")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"tiles":       s.cfg.Tiles,
		"attribution": s.cfg.TilesAttribution,
		"max_body":    s.cfg.MaxBody,
		"max_batch":   s.cfg.MaxBatch,
		"open":        openName(s.cfg.Open),
	})
}

// checkOpenFile tells early (at startup rather than when the page asks)
// that the --open file is missing or of a kind the page cannot read.
func checkOpenFile(path string) error {
	// The page reads every output format; the extension names which,
	// as for geoparse extract -o.
	if format, _ := geo.FormatOfPath(path); format == "" {
		return fmt.Errorf("server: open %s: want a .geojson, .geojsonl, .geojsons or .jsonl file", path)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("server: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("server: open %s: not a regular file", path)
	}
	return nil
}

// openName is the base name of the --open file, which tells the page its
// format; "" when there is none.
func openName(path string) string {
	if path == "" {
		return ""
	}
	return filepath.Base(path)
}

// handleOpen serves the --open file. http.ServeContent gives HEAD,
// Range and conditional requests for free.
func (s *Server) handleOpen(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		methodNotAllowed(w, "GET, HEAD")
		return
	}
	if s.cfg.Open == "" {
		writeError(w, http.StatusNotFound, "no file opened; start the server with --open FILE", 0)
		return
	}
	f, err := os.Open(s.cfg.Open)
	if err != nil {
		s.log.Warn("open file", "error", err)
		writeError(w, http.StatusNotFound, "the opened file cannot be read", 0)
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		writeError(w, http.StatusNotFound, "the opened file cannot be read", 0)
		return
	}
	format, _ := geo.FormatOfPath(s.cfg.Open)
	w.Header().Set("Content-Type", geo.MediaType(format))
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, fi.Name(), fi.ModTime(), f)
}

// apiError is the JSON body of every error response.
type apiError struct {
	Error string `json:"error"`
	Line  int    `json:"line,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":"encoding the response failed"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)+1))
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

func writeError(w http.ResponseWriter, status int, msg string, line int) {
	writeJSON(w, status, apiError{Error: msg, Line: line})
}

func methodNotAllowed(w http.ResponseWriter, allow string) {
	w.Header().Set("Allow", allow)
	writeError(w, http.StatusMethodNotAllowed, "method not allowed; use "+allow, 0)
}
