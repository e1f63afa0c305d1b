package history
import ("testing";"time";"syscall";"path/filepath";"math/rand/v2")
func cpuNow() time.Duration { var ru syscall.Rusage; syscall.Getrusage(syscall.RUSAGE_SELF, &ru); return time.Duration(ru.Utime.Nano()+ru.Stime.Nano()) }
func TestCPUTry(t *testing.T){
 path := filepath.Join(t.TempDir(), "h.jsonl")
 writeHistory(t, path, genRecords(200000))
 draft := genText(rand.New(rand.NewPCG(9, 9)))
 for range 3 {
 heapInUse()
 c0, w0 := cpuNow(), time.Now()
 ix, _, _ := Load(path)
 ix.Lookup(draft, genStart, genStart.AddDate(10,0,0))
 c1, w1 := cpuNow(), time.Now()
 t.Logf("wall %v cpu %v", w1.Sub(w0), c1-c0)
 }
}
