/*
 * Tests for digest: SHA-256 through libcrypto gives the published digests
 * (FIPS 180-2 examples), the same digest whatever the pieces the data comes
 * in, and the same as libsodium's (which the journal chain and earlier
 * exports' SHA256SUMS were made with) on data of every length around the
 * 64-byte block. When libcrypto cannot start a digest (its configuration
 * loads no provider that has SHA-256), libsodium gives the same digest.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "frontdesk/digest.h"

static void published_digests(void **state)
{
	char hex[65];
	const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

	digest_sha256_hex("", 0, hex);
	assert_string_equal(hex,
	                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	digest_sha256_hex("abc", 3, hex);
	assert_string_equal(hex,
	                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	digest_sha256_hex(two_blocks, strlen(two_blocks), hex);
	assert_string_equal(hex,
	                    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void pieces_give_the_whole_digest(void **state)
{
	enum { N = 300000 };
	unsigned char *data = malloc(N);
	char whole[65], pieces[65];
	struct digest d;
	size_t at = 0, step = 1;

	for (size_t i = 0; i < N; i++) {
		data[i] = (unsigned char)(i * 7 + i / 251);
	}
	digest_sha256_hex(data, N, whole);
	digest_init(&d);
	while (at < N) {
		size_t n = step < N - at ? step : N - at;
		digest_update(&d, data + at, n);
		at += n;
		step = step * 3 + 1; /* 1, 4, 13, ... bytes: across every block boundary */
	}
	digest_final_hex(&d, pieces);
	assert_string_equal(pieces, whole);
	free(data);
}

static void same_as_libsodium(void **state)
{
	unsigned char data[200], sum[crypto_hash_sha256_BYTES];
	char ours[65], theirs[65];

	for (size_t i = 0; i < sizeof(data); i++) {
		data[i] = (unsigned char)(255 - i);
	}
	for (size_t len = 0; len <= sizeof(data); len++) {
		digest_sha256_hex(data, len, ours);
		crypto_hash_sha256(sum, data, len);
		sodium_bin2hex(theirs, sizeof(theirs), sum, sizeof(sum));
		assert_string_equal(ours, theirs);
	}
}

/* In a child, so that libcrypto reads this configuration at its first use. */
static void without_libcrypto_the_same_digest(void **state)
{
	char conf[] = "/tmp/test_digest-XXXXXX";
	int fd = mkstemp(conf);
	FILE *f = fdopen(fd, "w");
	int status = -1;

	assert_non_null(f);
	/* an explicitly activated provider replaces the default one, which has SHA-256 */
	fputs("openssl_conf = init\n[init]\nproviders = providers\n"
	      "[providers]\nnull = null\n[null]\nactivate = 1\n",
	      f);
	fclose(f);
	pid_t pid = fork();
	if (pid == 0) {
		struct digest d;
		char hex[65];

		setenv("OPENSSL_CONF", conf, 1);
		digest_init(&d);
		bool fell_back = d.ctx == NULL;
		digest_update(&d, "abc", 3);
		digest_final_hex(&d, hex);
		_exit(fell_back && strcmp(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb41"
		                               "0ff61f20015ad") == 0
		          ? 0
		          : 1);
	}
	waitpid(pid, &status, 0);
	unlink(conf);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

int main(void)
{
	/* first: the child must be the first in this process to start libcrypto */
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(without_libcrypto_the_same_digest),
	    cmocka_unit_test(published_digests),
	    cmocka_unit_test(pieces_give_the_whole_digest),
	    cmocka_unit_test(same_as_libsodium),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
