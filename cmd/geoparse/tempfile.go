package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/geoparse/geoparse/internal/atomicfile"
)

// The files extract writes atomically (-o, --errors, and the settings
// beside a --resume output) go through atomicfile: a temporary file
// ".BASE.tmp-DIGITS" beside the target, renamed over it at the end. A
// SIGKILL leaves that temporary file behind, and nothing else would ever
// remove it, so each run removes the ones of its targets that are stale.
//
// Stale must mean "its writer is gone", never "old": a run can work for
// minutes on a huge article without writing. A pid written in the name or
// in a lock file is not proof either (pids are reused, and are another
// process's in another pid namespace or on another host sharing the
// folder). So each run holds an exclusive flock(2) on its temporary file
// for as long as it writes it: the kernel drops the lock when the process
// dies, however it dies. A temporary file that can be locked has no live
// writer and is removed; one that cannot is in use and is left alone.
// The lock is on the temporary file itself rather than on a lock file
// beside the target: it leaves nothing more in the folder, and it tells
// each temporary file's fate apart, as two runs may write one target.
//
// A run that creates its temporary file locks it right away, and a run
// that cleans up could come between the two and remove the new file. So
// the writer checks, once it holds the lock, that the name still leads to
// the file it locked, and if not starts again with a new temporary file;
// and the cleaner removes only while it holds the lock and the name still
// leads to the file it locked. Where locks are not available (some
// network file systems), the writer goes on unlocked and the cleaner,
// unable to lock, removes nothing. Runs of geoparse from before this
// locking do not lock their files: a run started beside one of them could
// remove its file, and that run would then fail at its end, not silently.

// ownedFile is an atomicfile.File whose temporary file this process holds
// locked until Commit or Abort.
type ownedFile struct {
	*atomicfile.File
	lock *os.File // nil where the file system has no locks
}

// createOwned starts an atomic write of path with a locked temporary file.
func createOwned(path string) (*ownedFile, error) {
	// A cleaner can take a new temporary file only in the instant before
	// it is locked: a few attempts are plenty.
	const attempts = 5
	for range attempts {
		f, err := atomicfile.Create(path)
		if err != nil {
			return nil, err
		}
		lock, err := lockTemp(f.TempName())
		if err == nil {
			return &ownedFile{File: f, lock: lock}, nil
		}
		f.Abort()
		if !errors.Is(err, errTempTaken) {
			return nil, fmt.Errorf("lock the temporary file of %s: %w", path, err)
		}
	}
	return nil, fmt.Errorf("write %s: %d temporary files in a row were removed by another run cleaning up", path, attempts)
}

// errTempTaken says another process locked or removed a temporary file.
var errTempTaken = errors.New("temporary file taken by another process")

// lockTemp locks the temporary file name for this process. It returns a
// nil file where the file system cannot lock.
func lockTemp(name string) (*os.File, error) {
	lf, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, errTempTaken
		}
		return nil, err
	}
	switch err := flockNB(lf); {
	case errors.Is(err, syscall.EWOULDBLOCK):
		lf.Close()
		return nil, errTempTaken
	case err != nil:
		lf.Close()
		return nil, nil
	}
	if !namesFile(name, lf) {
		lf.Close()
		return nil, errTempTaken
	}
	return lf, nil
}

// flockNB takes an exclusive flock on f without waiting.
func flockNB(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

// namesFile reports whether name still leads to the open file f.
func namesFile(name string, f *os.File) bool {
	byName, err := os.Stat(name)
	if err != nil {
		return false
	}
	open, err := f.Stat()
	return err == nil && os.SameFile(byName, open)
}

// Commit renames the temporary file over the target, then lets go of it.
func (f *ownedFile) Commit() error {
	defer f.unlock()
	return f.File.Commit()
}

// Abort removes the temporary file, then lets go of it.
func (f *ownedFile) Abort() error {
	defer f.unlock()
	return f.File.Abort()
}

// Close aborts unless committed (see atomicfile.File.Close).
func (f *ownedFile) Close() error {
	defer f.unlock()
	return f.File.Close()
}

func (f *ownedFile) unlock() {
	if f.lock != nil {
		f.lock.Close()
		f.lock = nil
	}
}

// writeOwned writes data to path atomically, as atomicfile.WriteFile does,
// with a locked temporary file.
func writeOwned(path string, data []byte) error {
	f, err := createOwned(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.Commit()
}

// isTempOf reports whether name (a base name) is one of the temporary
// files atomicfile.Create makes for the target base: ".BASE.tmp-" and the
// decimal digits os.CreateTemp puts for its "*".
func isTempOf(name, base string) bool {
	digits, ok := strings.CutPrefix(name, "."+base+".tmp-")
	if !ok || digits == "" {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// removeStaleTemps removes the temporary files of path that no live
// process holds (see above) and returns their names. It is a courtesy:
// what it cannot list, open or lock is left as it is, and errors are not
// reported (creating the target reports a folder's real trouble).
func removeStaleTemps(path string) []string {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range entries {
		if !e.Type().IsRegular() || !isTempOf(e.Name(), base) {
			continue
		}
		name := filepath.Join(dir, e.Name())
		if removeIfUnlocked(name) {
			removed = append(removed, name)
		}
	}
	return removed
}

// removeIfUnlocked removes the temporary file name if no process holds
// it, holding it meanwhile so that no writer can take it up.
func removeIfUnlocked(name string) bool {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	if flockNB(f) != nil || !namesFile(name, f) {
		return false
	}
	return os.Remove(name) == nil
}
