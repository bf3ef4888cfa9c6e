package errmodel

import (
	"hash/maphash"
	"sync"

	"github.com/vnarchive/vnrestore/diacritics"
)

// A cache maps tokens to their candidates. It is sharded, each shard under
// its own lock, and bounded: a full shard forgets an arbitrary entry.
type cache struct {
	seed   maphash.Seed
	shards []cacheShard
	per    int
}

type cacheShard struct {
	mu sync.RWMutex
	m  map[string][]diacritics.Candidate
}

const cacheShards = 16

// newCache returns a cache of about size entries; size < 0 disables it.
func newCache(size int) *cache {
	if size < 0 {
		return nil
	}
	c := &cache{seed: maphash.MakeSeed(), shards: make([]cacheShard, cacheShards), per: max(size/cacheShards, 1)}
	for i := range c.shards {
		c.shards[i].m = make(map[string][]diacritics.Candidate)
	}
	return c
}

func (c *cache) shard(key string) *cacheShard {
	return &c.shards[maphash.String(c.seed, key)%cacheShards]
}

// get returns the cached candidates of key. The slice must not be modified.
func (c *cache) get(key string) ([]diacritics.Candidate, bool) {
	if c == nil {
		return nil, false
	}
	s := c.shard(key)
	s.mu.RLock()
	v, ok := s.m[key]
	s.mu.RUnlock()
	return v, ok
}

// put caches the candidates of key.
func (c *cache) put(key string, v []diacritics.Candidate) {
	if c == nil {
		return
	}
	s := c.shard(key)
	s.mu.Lock()
	if len(s.m) >= c.per {
		for k := range s.m {
			delete(s.m, k)
			break
		}
	}
	s.m[key] = v
	s.mu.Unlock()
}
