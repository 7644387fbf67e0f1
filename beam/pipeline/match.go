package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

func init() {
	register.DoFn4x1[context.Context, string, func(fileRef), func(string), error](&matchFn{})
	register.Emitter1[fileRef]()
}

// fileRef is one input file to read: its path and size in bytes.
type fileRef struct {
	Path string
	Size int64
}

// matchFn expands one glob into its files. Beam's fileio.MatchAll fails
// the bundle, and so the job, on the first file it cannot size, and
// sizes a local file by opening it (a named pipe would block it); here a
// file that cannot be used is an error record with an empty id that names
// it, as geoparse extract reports it, and matching goes on.
type matchFn struct{}

func (f *matchFn) ProcessElement(ctx context.Context, glob string, emitFile func(fileRef), emitErr func(string)) error {
	fail := func(path string, err error) error {
		return emitFileError(ctx, emitErr, path, err)
	}
	if isLocal(glob) {
		files, failures := matchLocal(glob)
		for _, fl := range failures {
			if err := fail(fl.path, fl.err); err != nil {
				return err
			}
		}
		for _, fr := range files {
			emitFile(fr)
		}
		return nil
	}
	// A remote store (gs://, s3://): its client retries passing faults
	// itself, so an error that reaches here is the object's own.
	fsys, err := filesystem.New(ctx, glob)
	if err != nil {
		return fmt.Errorf("match %s: %w", glob, err)
	}
	defer fsys.Close()
	paths, err := fsys.List(ctx, glob)
	if err != nil {
		// A bucket that is missing or may not be listed: the CLI's
		// unreadable folder.
		return fail(glob, err)
	}
	if len(paths) == 0 && !hasMeta(glob) {
		return fail(glob, syscall.ENOENT) // the CLI's words for a missing file
	}
	for _, p := range paths {
		size, err := fsys.Size(ctx, p)
		if err != nil {
			if err := fail(p, err); err != nil {
				return err
			}
			continue
		}
		emitFile(fileRef{Path: p, Size: size})
	}
	return nil
}

// failure is a path that matched, or was named, but cannot be read.
type failure struct {
	path string
	err  error
}

// matchLocal expands a glob of local files. What geoparse extract lists
// with an error (a dangling link, a named pipe or other non-regular file,
// a missing file named without wildcards) is a failure here too, with the
// CLI's message; so is an unreadable or missing folder under the pattern,
// which filepath.Glob would silently take for "no match". A folder
// matched by a wildcard is left out: a glob names files, and folders are
// not walked.
func matchLocal(glob string) ([]fileRef, []failure) {
	if !hasMeta(glob) {
		fr, err := statLocal(glob)
		switch {
		case err != nil:
			return nil, []failure{{glob, err}}
		case fr == nil:
			return nil, []failure{{glob, errors.New("a folder: folders are not walked; give a glob of its files, such as " + filepath.Join(glob, "*"))}}
		}
		return []fileRef{*fr}, nil
	}
	paths, err := filepath.Glob(glob) // only a bad pattern fails, and Build rejects those
	if err != nil {
		return nil, []failure{{glob, err}}
	}
	if len(paths) == 0 {
		if dir := filepath.Dir(glob); !hasMeta(dir) {
			if err := readableDir(dir); err != nil {
				return nil, []failure{{dir, err}}
			}
		}
		return nil, nil
	}
	var files []fileRef
	var failures []failure
	for _, p := range paths {
		fr, err := statLocal(p)
		switch {
		case err != nil:
			failures = append(failures, failure{p, err})
		case fr != nil:
			files = append(files, *fr)
		}
	}
	return files, failures
}

// statLocal returns the fileRef of a regular file (following a link), nil
// for a folder, or why path cannot be read as a document file.
func statLocal(path string) (*fileRef, error) {
	st, err := os.Stat(path)
	if err != nil {
		if lst, lerr := os.Lstat(path); lerr == nil && lst.Mode()&fs.ModeSymlink != 0 {
			return nil, fmt.Errorf("symbolic link to nothing readable: %w", cleanPathError(err))
		}
		return nil, cleanPathError(err)
	}
	switch mode := st.Mode(); {
	case mode.IsRegular():
		return &fileRef{Path: path, Size: st.Size()}, nil
	case mode.IsDir():
		return nil, nil
	default:
		// Opening a named pipe blocks until someone writes to it.
		return nil, fmt.Errorf("not a regular file (%s); skipped", mode.Type().String())
	}
}

// readableDir says why dir cannot be listed, if it cannot.
func readableDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return cleanPathError(err)
	}
	defer d.Close()
	if _, err := d.Readdirnames(1); err != nil && !errors.Is(err, io.EOF) {
		return cleanPathError(err)
	}
	return nil
}

// isLocal says whether path is on the local filesystem: Beam sends a path
// without a scheme there.
func isLocal(path string) bool { return !strings.Contains(path, "://") }

// hasMeta says whether a glob has wildcards (filepath.Match's).
func hasMeta(path string) bool { return strings.ContainsAny(path, `*?[\`) }

// cleanPathError drops the operation and path of an *fs.PathError: the
// error record already names the file, and the message is then the one
// geoparse extract gives.
func cleanPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
