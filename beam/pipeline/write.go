package pipeline

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

func init() {
	register.DoFn2x0[string, func(int, string)](&shardFn{})
	register.Function1x2[int, int, string](shardKey)
	register.DoFn5x1[context.Context, int, func(*string) bool, func(*string) bool, func(string), error](&writeFn{})
	register.DoFn3x1[context.Context, []byte, func(*string) bool, error](&cleanupFn{})
	register.Emitter2[int, string]()
	register.Iter1[string]()
}

// writeFiles writes the chunks of text of col (each a whole number of
// lines) to the files names, and returns the names written, one element
// a file once it is complete. Every file is written, empty if no chunk
// falls to it, so a reader can tell "nothing found" from "not run". Order
// within a file is not defined.
//
// A chunk goes to the file its hash picks: fixed sharding needs exactly
// one writer a file, so each file is one key of a GroupByKey, and the
// hash (not a random key) gives the same files the same chunks when a
// bundle is retried. This is the write only: the costly extraction is
// spread over the workers by the Reshuffle before it, whatever the
// number of shards; the writer of a shard only streams bytes, and its
// chunks are an iterable that is not held in memory whole.
//
// Each file is written to a temporary file beside it, named after it, the
// job and the attempt, and renamed over it once complete and synced, so a
// file appears whole or not at all: a failed attempt removes its
// temporary file, and a retried one writes a file of its own. What a
// killed worker leaves is removed by removeStrayTemps.
func writeFiles(s beam.Scope, col beam.PCollection, names []string, token string) beam.PCollection {
	keyed := beam.ParDo(s, &shardFn{Shards: len(names)}, col)
	idx := make([]any, len(names))
	for i := range idx {
		idx[i] = i
	}
	// Every shard index as a key of its own, so that CoGroupByKey calls
	// writeFn for empty shards too.
	all := beam.ParDo(s, shardKey, beam.Create(s, idx...))
	grouped := beam.CoGroupByKey(s, all, keyed)
	return beam.ParDo(s, &writeFn{Names: names, Token: token}, grouped)
}

// shardFn keys a chunk by its shard: a hash, so the same input gives the
// same shards.
type shardFn struct{ Shards int }

func (f *shardFn) ProcessElement(chunk string, emit func(int, string)) {
	h := fnv.New32a()
	h.Write([]byte(chunk))
	emit(int(h.Sum32()%uint32(f.Shards)), chunk)
}

func shardKey(i int) (int, string) { return i, "" }

// writeFn writes the chunks of one shard to its file through Beam's
// filesystems (local, gs://, s3://), atomically (see writeFiles), and
// emits the file's name.
type writeFn struct {
	Names []string
	Token string
}

func (f *writeFn) ProcessElement(ctx context.Context, shard int, _ func(*string) bool, chunks func(*string) bool, emit func(string)) error {
	name := f.Names[shard]
	if err := writeAtomic(ctx, name, f.Token, chunks); err != nil {
		return err
	}
	emit(name)
	return nil
}

// writeAtomic writes the strings next gives to a temporary file beside
// name, then renames it to name. On failure the temporary file is
// removed and name is left as it was.
func writeAtomic(ctx context.Context, name, token string, next func(*string) bool) (err error) {
	fsys, err := filesystem.New(ctx, name)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	defer fsys.Close()
	attempt := make([]byte, 6)
	if _, err := rand.Read(attempt); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	tmp := tempName(name, token, hex.EncodeToString(attempt))
	w, err := fsys.OpenWrite(ctx, tmp)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	closed := false
	defer func() {
		if err == nil {
			return
		}
		if !closed {
			w.Close()
		}
		// Best effort: what stays (a store without Remover, or an error)
		// is a hidden temporary file that removeStrayTemps deletes.
		if rm, ok := fsys.(filesystem.Remover); ok {
			rm.Remove(ctx, tmp)
		}
	}()
	bw := bufio.NewWriterSize(w, 1<<20)
	var chunk string
	for next(&chunk) {
		if _, err := bw.WriteString(chunk); err != nil {
			return fmt.Errorf("write %s: temporary file %s: %w", name, tmp, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: temporary file %s: %w", name, tmp, err)
	}
	// A local file's data must be on disk before the rename makes it the
	// shard, or a crash could leave an empty file under the final name.
	if s, ok := w.(interface{ Sync() error }); ok {
		if err := s.Sync(); err != nil {
			return fmt.Errorf("write %s: temporary file %s: %w", name, tmp, err)
		}
	}
	closed = true
	if err := w.Close(); err != nil {
		return fmt.Errorf("write %s: temporary file %s: %w", name, tmp, err)
	}
	// Local files are renamed; object stores copy and delete, and their
	// objects appear whole anyway.
	if err := filesystem.Rename(ctx, fsys, tmp, name); err != nil {
		return fmt.Errorf("write %s: rename %s: %w", name, tmp, err)
	}
	return nil
}

// tempName is the temporary file of one attempt to write name: in the
// same folder (a rename does not cross filesystems), hidden, and ending
// in .tmp, so no glob of the outputs (PREFIX-*.geojsonl) takes it.
func tempName(name, token, attempt string) string {
	dir, base := splitPath(name)
	return dir + "." + base + "." + token + "-" + attempt + ".tmp"
}

// splitPath cuts a path after its last slash: Beam paths (local on Unix,
// gs://, s3://) all use slashes.
func splitPath(name string) (dir, base string) {
	i := strings.LastIndex(name, "/")
	return name[:i+1], name[i+1:]
}

// removeStrayTemps removes, once every file of names is written (done is
// their names), the temporary files of this job that are left: those of
// attempts killed before they could remove their own.
func removeStrayTemps(s beam.Scope, names []string, token string, done ...beam.PCollection) {
	written := beam.Flatten(s, done...)
	// The side input is ready only when all of written is: this runs
	// after every write.
	beam.ParDo0(s, &cleanupFn{Names: names, Token: token}, beam.Impulse(s), beam.SideInput{Input: written})
}

// cleanupFn removes the stray temporary files of a job (see
// removeStrayTemps).
type cleanupFn struct {
	Names []string
	Token string
}

func (f *cleanupFn) ProcessElement(ctx context.Context, _ []byte, written func(*string) bool) error {
	n := 0
	var name string
	for written(&name) {
		n++
	}
	if n != len(f.Names) {
		return fmt.Errorf("cleanup: %d of %d output files written", n, len(f.Names))
	}
	var errs []error
	for _, name := range f.Names {
		if err := removeTemps(ctx, name, f.Token); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// removeTemps removes the temporary files of name left by the job token.
func removeTemps(ctx context.Context, name, token string) error {
	fsys, err := filesystem.New(ctx, name)
	if err != nil {
		return fmt.Errorf("cleanup %s: %w", name, err)
	}
	defer fsys.Close()
	rm, ok := fsys.(filesystem.Remover)
	if !ok {
		return nil // nothing can be removed on this store
	}
	pattern := tempName(name, token, "*")
	left, err := fsys.List(ctx, pattern)
	if err != nil {
		return fmt.Errorf("cleanup %s: %w", pattern, err)
	}
	for _, p := range left {
		// Gone already: its attempt removed or renamed it meanwhile.
		if err := rm.Remove(ctx, p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("cleanup %s: %w", p, err)
		}
	}
	return nil
}
