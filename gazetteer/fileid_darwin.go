package gazetteer

import (
	"syscall"
	"time"
)

// statusChange is the file's status-change time (ctime).
func statusChange(st *syscall.Stat_t) time.Time {
	return time.Unix(st.Ctimespec.Sec, st.Ctimespec.Nsec)
}
