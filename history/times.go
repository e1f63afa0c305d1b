package history

import (
	"slices"
	"sort"
)

// timeList is a set of times (UnixNano), kept sorted for counting, that
// takes both kinds of add a history sees cheaply: times in order (a
// history file read, a check run's posts) are appended to sorted, and
// times earlier than its last (a run's drafts dated before posts already
// recorded) go to late, where they come in order among themselves.
// Inserting them into sorted would move every later time, each time.
type timeList struct {
	sorted []int64
	late   []int64
}

func (l *timeList) add(t int64) {
	if n := len(l.sorted); n == 0 || l.sorted[n-1] <= t {
		l.sorted = appendDoubling(l.sorted, t)
		return
	}
	l.late = insertSorted(l.late, t)
}

// addUnsorted appends t in any order; sort must follow before any count.
func (l *timeList) addUnsorted(t int64) { l.sorted = appendDoubling(l.sorted, t) }

// sort sorts the times appended by addUnsorted and merges late into
// sorted.
func (l *timeList) sort() {
	l.sorted = append(l.sorted, l.late...)
	l.late = nil
	slices.Sort(l.sorted)
}

func (l *timeList) len() int { return len(l.sorted) + len(l.late) }

// count returns how many times are in [lo, hi), and the oldest of them;
// n is 0 when there are none.
func (l *timeList) count(lo, hi int64) (n int, oldest int64) {
	for _, s := range [2][]int64{l.sorted, l.late} {
		i, _ := slices.BinarySearch(s, lo)
		j, _ := slices.BinarySearch(s, hi)
		if j <= i {
			continue
		}
		if n == 0 || s[i] < oldest {
			oldest = s[i]
		}
		n += j - i
	}
	return n, oldest
}

// nth returns the k-th (from 0) oldest time in [lo, hi), and false when
// there are no more than k. It costs O(log n) whatever k, for a run far
// past a usage cap asks it of every post.
func (l *timeList) nth(lo, hi int64, k int) (int64, bool) {
	var r [2][]int64 // the times in [lo, hi) of sorted and of late
	for x, s := range [2][]int64{l.sorted, l.late} {
		i, _ := slices.BinarySearch(s, lo)
		j, _ := slices.BinarySearch(s, hi)
		r[x] = s[i:max(i, j)]
	}
	a, b := r[0], r[1]
	if k < 0 || k >= len(a)+len(b) {
		return 0, false
	}
	// The k-th of two sorted lists: drop about half of k from one of
	// them at each step.
	for {
		switch {
		case len(a) == 0:
			return b[k], true
		case len(b) == 0:
			return a[k], true
		case k == 0:
			return min(a[0], b[0]), true
		}
		i, j := min(len(a), (k+1)/2), min(len(b), (k+1)/2)
		if a[i-1] <= b[j-1] {
			a, k = a[i:], k-i
		} else {
			b, k = b[j:], k-j
		}
	}
}

// bounds returns the first and the last time; the list must not be empty.
func (l *timeList) bounds() (first, last int64) {
	first, last = l.sorted[0], l.sorted[len(l.sorted)-1]
	if len(l.late) > 0 {
		first = min(first, l.late[0]) // late's times are all before last
	}
	return first, last
}

// insertSorted inserts t into the sorted s, after the times equal to it.
func insertSorted(s []int64, t int64) []int64 {
	if len(s) == 0 || s[len(s)-1] <= t {
		return appendDoubling(s, t)
	}
	i := sort.Search(len(s), func(i int) bool { return s[i] > t })
	return slices.Insert(s, i, t)
}
