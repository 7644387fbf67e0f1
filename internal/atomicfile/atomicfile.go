// Package atomicfile writes files atomically: the content goes to a
// temporary file in the target's directory, which is fsynced and renamed
// over the target on Commit. Readers see either the old file or the whole
// new one, never half a file; Abort (or Close without Commit) removes the
// temporary file and leaves the target untouched.
//
//	f, err := atomicfile.Create("events.geojson")
//	if err != nil { ... }
//	defer f.Close() // removes the temp file unless committed
//	if err := write(f); err != nil { return err }
//	return f.Commit()
package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrDone is returned when writing to, committing or aborting a File that
// was already committed or aborted.
var ErrDone = errors.New("atomicfile: file already committed or aborted")

// File is a pending atomic write of one file.
type File struct {
	tmp  *os.File
	path string
	perm fs.FileMode
	done bool
}

// DefaultPerm is the mode of a newly created target (set explicitly, the
// umask does not apply). An existing target keeps its mode.
const DefaultPerm fs.FileMode = 0o644

// Create starts an atomic write of path. The temporary file is created in
// the same directory (so the final rename does not cross file systems),
// named ".<base>.tmp-<random>".
func Create(path string) (*File, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	perm := DefaultPerm
	if fi, err := os.Stat(path); err == nil {
		if !fi.Mode().IsRegular() {
			return nil, &fs.PathError{Op: "atomicfile.Create", Path: path, Err: errors.New("not a regular file")}
		}
		perm = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return nil, targetError("create", path, err)
	}
	return &File{tmp: tmp, path: path, perm: perm}, nil
}

// Name returns the target path.
func (f *File) Name() string { return f.path }

// TempName returns the path of the temporary file.
func (f *File) TempName() string { return f.tmp.Name() }

// Write writes to the temporary file; errors name the target.
func (f *File) Write(p []byte) (int, error) {
	if f.done {
		return 0, ErrDone
	}
	n, err := f.tmp.Write(p)
	if err != nil {
		err = targetError("write", f.path, err)
	}
	return n, err
}

// WriteString writes to the temporary file.
func (f *File) WriteString(s string) (int, error) {
	if f.done {
		return 0, ErrDone
	}
	return f.tmp.WriteString(s)
}

// Commit fsyncs and closes the temporary file, renames it over the target
// and fsyncs the directory. On error the temporary file is removed and the
// target is left as it was.
func (f *File) Commit() error {
	if f.done {
		return ErrDone
	}
	f.done = true
	tmp := f.tmp.Name()
	err := f.tmp.Chmod(f.perm)
	if err == nil {
		err = f.tmp.Sync()
	}
	if cerr := f.tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, f.path)
	}
	if err != nil {
		os.Remove(tmp)
		return targetError("write", f.path, err)
	}
	syncDir(filepath.Dir(f.path))
	return nil
}

// targetError names the target in an error about its temporary file:
// users know the file they asked for, not ".events.geojson.tmp-123".
func targetError(op, path string, err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	}
	return &fs.PathError{Op: op, Path: path, Err: err}
}

// Abort closes and removes the temporary file; the target is untouched.
func (f *File) Abort() error {
	if f.done {
		return ErrDone
	}
	f.done = true
	f.tmp.Close()
	return os.Remove(f.tmp.Name())
}

// Close aborts the write unless it was committed: deferring Close right
// after Create guarantees no temporary file is left behind. It returns nil
// after Commit or Abort.
func (f *File) Close() error {
	if f.done {
		return nil
	}
	return f.Abort()
}

// syncDir makes the rename durable. Best effort: some systems (Windows)
// cannot open or sync a directory.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}

// WriteFile writes data to path atomically, like os.WriteFile but never
// leaving half a file.
func WriteFile(path string, data []byte) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.Commit()
}
