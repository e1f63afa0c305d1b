//go:build !purego

package history

import (
	"math/rand/v2"
	"testing"
)

// TestMinHashesAVX512 holds the AVX-512 loop to the generic one: the
// signatures already recorded must come out the same on every machine.
func TestMinHashesAVX512(t *testing.T) {
	if !hasAVX512 {
		t.Skip("the CPU has no AVX-512 (F and DQ): minHashesAVX512 is never used here")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 1; n <= 200; n++ {
		shs := make([]uint64, n)
		for i := range shs {
			switch rng.IntN(4) {
			case 0: // values near the ends, where an unsigned minimum differs from a signed one
				shs[i] = ^uint64(0) - rng.Uint64N(4)
			case 1:
				shs[i] = rng.Uint64N(4)
			default:
				shs[i] = rng.Uint64()
			}
		}
		var want, got [numHashes]uint64
		for i := range want {
			want[i] = rng.Uint64()
			if i%3 == 0 {
				want[i] = ^uint64(0)
			}
		}
		got = want
		minHashesGeneric(&want, shs)
		minHashesAVX512(&got, &hashSeeds, shs)
		if got != want {
			t.Fatalf("%d shingles: AVX-512 minima differ from the generic ones:\n got %x\nwant %x", n, got, want)
		}
	}
}

func BenchmarkMinHashes(b *testing.B) {
	shs := make([]uint64, 64)
	for i := range shs {
		shs[i] = splitmix64(uint64(i))
	}
	b.Run("generic", func(b *testing.B) {
		var mins [numHashes]uint64
		for b.Loop() {
			minHashesGeneric(&mins, shs)
		}
	})
	b.Run("avx512", func(b *testing.B) {
		if !hasAVX512 {
			b.Skip("no AVX-512")
		}
		var mins [numHashes]uint64
		for b.Loop() {
			minHashesAVX512(&mins, &hashSeeds, shs)
		}
	})
}
