// One Lua script for "give up what I hold": deletes a key only while it still holds the caller's own value (a lease's
// fencing token, a mail claim's holder), so a holder whose key expired and was taken by another never deletes theirs.

/** KEYS[1]: the key; ARGV[1]: the value this caller set. Always returns 1. */
export const COMPARE_AND_DELETE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;
