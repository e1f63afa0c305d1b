//go:build !purego

package history

import "golang.org/x/sys/cpu"

// hasAVX512 reports whether minHashes can take eight hash functions at a
// time in AVX-512 registers (64-bit multiply is AVX512DQ); x/sys/cpu also
// checks that the OS saves those registers.
var hasAVX512 = cpu.X86.HasAVX512F && cpu.X86.HasAVX512DQ

// minHashes lowers each mins[j] to the least hash j of the shingle hashes
// in shs: minHashesAVX512 where the CPU has it, else minHashesGeneric.
func minHashes(mins *[numHashes]uint64, shs []uint64) {
	if hasAVX512 {
		if len(shs) > 0 {
			minHashesAVX512(mins, &hashSeeds, shs)
		}
		return
	}
	minHashesGeneric(mins, shs)
}

// minHashesAVX512 is minHashesGeneric with the 64 hash functions in eight
// 512-bit registers: each shingle is hashed by all 64 in 16 multiplies,
// where the scalar loop takes 128. shs is not empty.
//
//go:noescape
func minHashesAVX512(mins, seeds *[numHashes]uint64, shs []uint64)
