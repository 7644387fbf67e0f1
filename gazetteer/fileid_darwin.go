//go:build darwin

package gazetteer

import (
	"os"
	"syscall"
	"time"
)

func fileIdentityOf(fi os.FileInfo) (fileIdentity, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fileIdentity{}, false
	}
	return fileIdentity{dev: uint64(st.Dev), ino: st.Ino, ctime: time.Unix(st.Ctimespec.Sec, st.Ctimespec.Nsec)}, true
}
