//go:build linux

package twittertext

import (
	"syscall"
	"time"
	"unsafe"
)

// threadCPU returns the CPU time of the calling thread, whose goroutine
// the caller locks to it. Unlike the wall clock, it leaves out the time
// other processes hold the processor, such as the other test binaries of
// go test ./... on a machine with few cores. (getrusage's thread times
// advance by scheduler ticks, too coarse here.)
func threadCPU() time.Duration {
	const clockThreadCPUTimeID = 3 // CLOCK_THREAD_CPUTIME_ID
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}
