/* test-csv-corpus.c: the CSV fuzz corpus replayed (issue 6, R14-5).
 *
 * Every file of tests/data/fuzz-csv (the fuzz target's seeds: quotes,
 * line breaks in quotes, CRLF, CR, a byte order mark, CP932 with lead
 * bytes 0x81..0x9F and ASCII trail bytes, truncated characters, NUL bytes,
 * an unterminated quote, very long fields, and any input the fuzzer found
 * once the reader was fixed) goes through the fuzz target's own function,
 * LLVMFuzzerTestOneInput in tests/fuzz/jhk-csv-fuzz.c, which aborts on a
 * broken contract of the reader. Built with any compiler, so every build
 * and CI replay it; the fuzzer itself needs clang (-Dfuzz=true).
 */
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "jhk-csv.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

#define CORPUS_DIR TEST_DATA_DIR "/fuzz-csv"

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
test_corpus_file (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_test_message ("%s: %" G_GSIZE_FORMAT " bytes", path, length);
  /* The exact bytes, without the NUL g_file_get_contents adds, so that a
   * read past the end is one. */
  {
    g_autofree guint8 *exact = g_memdup2 (contents, length);

    g_assert_cmpint (LLVMFuzzerTestOneInput (exact, length), ==, 0);
  }
}

/* The seeds the fuzzer starts from are all there. */
static void
test_corpus_seeds (gconstpointer data)
{
  const char *const seeds[] = {
    "quotes.csv", "newline-in-quotes.csv", "utf8-crlf-bom.csv", "cp932.csv",
    "cp932-lead-81-9f.csv", "cp932-truncated.csv", "utf8-truncated.csv", "nul-bytes.csv",
    "unterminated-quote.csv", "long-field.csv", "empty.csv",
  };

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autofree char *path = g_build_filename (CORPUS_DIR, seeds[i], NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_error ("the seed %s is missing", path);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_test_init (&argc, &argv, NULL);

  dir = g_dir_open (CORPUS_DIR, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (paths, g_build_filename (CORPUS_DIR, name, NULL));
  g_ptr_array_sort (paths, compare_paths);

  g_test_add_data_func ("/csv/R14-5/fuzz-corpus/seeds", NULL, test_corpus_seeds);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *test = g_strdup_printf ("/csv/R14-5/fuzz-corpus/%s", base);

      g_test_add_data_func (test, path, test_corpus_file);
    }
  return g_test_run ();
}
