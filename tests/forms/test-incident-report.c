/* test-incident-report.c: 情報管理システム事故報告書, the record of one
 * incident on paper (issue 7, R19-2..5).
 *
 * The reports are made from data built here (jhk_incident_report_form_new)
 * and read back from the PDF with poppler-utils: the heading, the facts,
 * the checklist with who and when, the recovery request, investigation
 * and dispatch, the seriousness and the report with its eight fields and
 * both acknowledgements, the closing and the timeline; an incident with
 * neither recovery nor report prints without those sections; a long
 * checklist and timeline break across sheets with their column heads
 * repeated and the sheets numbered "n / N", the seals on the last; a long
 * text is printed whole, wrapped, inside the sheet; the file is its
 * owner's; the same data draws the same sheets.
 */
#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "jhk-db.h"
#include "jhk-forms.h"
#include "jhk-incident-report.h"
#include "forms-test-util.h"
#include "jhk-test-util.h"

#define REPORT_TITLE "情報管理システム事故報告書"
#define FULL_TITLE   "事故報告書 第12号 中央警察署"
#define STATEMENT    "上記のとおり事故の発生及び対処の状況を報告する。"

/* Helpers: incidents built by hand (the form copies what it prints and
 * keeps neither), freed by the core's own functions. */

static JhkIncidentStep *
step_new (int         position,
          const char *text,
          const char *role,
          const char *state)
{
  JhkIncidentStep *s = g_new0 (JhkIncidentStep, 1);

  s->id = 100 + position;
  s->position = position;
  s->text = g_strdup (text);
  s->role = g_strdup (role);
  s->evidence = g_strdup ("");
  s->state = g_strdup (state);
  s->reason = g_strdup ("");
  s->note = g_strdup ("");
  s->done_by_name = g_strdup ("");
  s->confirmed_by_name = g_strdup ("");
  return s;
}

static JhkIncidentEvent *
event_new (gint64      at,
           const char *actor,
           const char *kind,
           const char *text)
{
  JhkIncidentEvent *e = g_new0 (JhkIncidentEvent, 1);

  e->at = at;
  e->actor_name = g_strdup (actor);
  e->kind = g_strdup (kind);
  e->text = g_strdup (text);
  return e;
}

static GPtrArray *
timeline_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_incident_event_free);
}

/* An open incident of 中央警察署, neither serious nor with recovery, and
 * no steps. */
static JhkIncident *
plain_incident (void)
{
  JhkIncident *i = g_new0 (JhkIncident, 1);

  i->id = 12;
  i->office_id = 3;
  i->office_name = g_strdup ("中央警察署");
  i->status = g_strdup ("open");
  i->title = g_strdup ("照会端末が起動しない");
  i->description = g_strdup ("朝の始業時に照会端末2号機の電源を入れたが起動しなかった。");
  i->occurred_at = jhk_test_jst (2026, 11, 5, 8, 10);
  i->discovered_at = jhk_test_jst (2026, 11, 5, 8, 30);
  i->systems = g_strdup ("照会システム");
  i->terminals = g_strdup ("照会端末2号機");
  i->business_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  i->business_names = g_ptr_array_new_with_free_func (g_free);
  i->material_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  i->material_names = g_ptr_array_new_with_free_func (g_free);
  i->playbook_id = 4;
  i->playbook_version_id = 9;
  i->playbook_version = 3;
  i->playbook_title = g_strdup ("端末故障時の対処要領");
  i->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_incident_step_free);
  i->attachments = g_ptr_array_new ();
  i->recovery_state = g_strdup ("");
  i->recovery_to = g_strdup ("");
  i->recovery_business_name = g_strdup ("");
  i->recovery_request = g_strdup ("");
  i->recovery_requested_by_name = g_strdup ("");
  i->investigation = g_strdup ("");
  i->investigated_by_name = g_strdup ("");
  i->dispatched_staff = g_strdup ("");
  i->recovery_result = g_strdup ("");
  i->serious_reason = g_strdup ("");
  i->serious_by_name = g_strdup ("");
  i->report.state = g_strdup ("");
  i->prevention = g_strdup ("");
  i->reported_by = 21;
  i->reported_by_name = g_strdup ("中央運用");
  i->created_at = jhk_test_jst (2026, 11, 5, 8, 40);
  i->updated_at = i->created_at;
  i->closed_by_name = g_strdup ("");
  return i;
}

/* A closed serious incident with everything filled in. */
static JhkIncident *
full_incident (void)
{
  JhkIncident *i = plain_incident ();
  JhkIncidentStep *s;
  gint64 id = 31;

  g_free (i->status);
  i->status = g_strdup ("closed");
  g_array_append_val (i->business_ids, id);
  g_ptr_array_add (i->business_names, g_strdup ("運転免許照会業務"));
  g_array_append_val (i->material_ids, id);
  g_ptr_array_add (i->material_names, g_strdup ("R8-0042 照会結果一覧表"));
  i->damage = TRUE;
  i->stop_minutes = 180;
  i->leak = FALSE;

  s = step_new (1, "端末をネットワークから外す。", "ops_manager", "done");
  g_free (s->done_by_name);
  s->done_by_name = g_strdup ("中央運用");
  s->done_at = jhk_test_jst (2026, 11, 5, 8, 45);
  s->needs_confirmation = TRUE;
  g_free (s->confirmed_by_name);
  s->confirmed_by_name = g_strdup ("中央幹部");
  s->confirmed_at = jhk_test_jst (2026, 11, 5, 9, 5);
  g_free (s->note);
  s->note = g_strdup ("LANケーブルを抜いた");
  g_ptr_array_add (i->steps, s);
  s = step_new (2, "保守業者に連絡する。", "", "skipped");
  g_free (s->done_by_name);
  s->done_by_name = g_strdup ("中央運用");
  s->done_at = jhk_test_jst (2026, 11, 5, 9, 0);
  g_free (s->reason);
  s->reason = g_strdup ("システム管理者が手配済み");
  g_ptr_array_add (i->steps, s);
  s = step_new (3, "代替端末で照会を再開する。", "staff", "pending");
  g_ptr_array_add (i->steps, s);

  g_free (i->recovery_state);
  i->recovery_state = g_strdup ("finished");
  g_free (i->recovery_to);
  i->recovery_to = g_strdup ("sysadmin");
  g_free (i->recovery_request);
  i->recovery_request = g_strdup ("端末の交換を依頼する");
  g_free (i->recovery_requested_by_name);
  i->recovery_requested_by_name = g_strdup ("中央運用");
  i->recovery_requested_at = jhk_test_jst (2026, 11, 5, 9, 10);
  g_free (i->investigation);
  i->investigation = g_strdup ("電源装置の故障と認めた");
  g_free (i->investigated_by_name);
  i->investigated_by_name = g_strdup ("管理太郎");
  i->investigated_at = jhk_test_jst (2026, 11, 5, 10, 0);
  g_free (i->dispatched_staff);
  i->dispatched_staff = g_strdup ("情報管理課 技術一郎");
  i->dispatched_at = jhk_test_jst (2026, 11, 5, 11, 0);
  g_free (i->recovery_result);
  i->recovery_result = g_strdup ("端末を交換し復旧した");
  i->recovery_finished_at = jhk_test_jst (2026, 11, 5, 13, 0);

  i->serious = TRUE;
  g_free (i->serious_reason);
  i->serious_reason = g_strdup ("システムの損壊; 対象業務の停止 180 分 (基準 120 分)");
  i->serious_at = i->created_at;
  g_free (i->report.state);
  i->report.state = g_strdup ("acknowledged");
  i->report.summary = g_strdup ("照会端末の電源装置が故障した");
  i->report.leaked_items = g_strdup ("なし");
  i->report.persons = 0;
  i->report.cause = g_strdup ("電源装置の経年劣化");
  i->report.secondary_risk = g_strdup ("二次被害のおそれはない");
  i->report.response_to_persons = g_strdup ("対応を要しない");
  i->report.publication = g_strdup ("公表しない");
  i->report.prevention = g_strdup ("電源装置を定期点検する");
  i->report.due_at = jhk_test_jst (2026, 11, 6, 8, 30);
  i->report.reported_by = 1;
  i->report.reported_by_name = g_strdup ("管理太郎");
  i->report.reported_at = jhk_test_jst (2026, 11, 5, 15, 0);
  i->report.supervisor_ack_name = g_strdup ("総括花子");
  i->report.supervisor_ack_at = jhk_test_jst (2026, 11, 5, 16, 0);
  i->report.dept_head_ack_name = g_strdup ("部長次郎");
  i->report.dept_head_ack_at = jhk_test_jst (2026, 11, 5, 17, 0);

  g_free (i->prevention);
  i->prevention = g_strdup ("予備端末を常備する");
  g_free (i->closed_by_name);
  i->closed_by_name = g_strdup ("中央運用");
  i->closed_at = jhk_test_jst (2026, 11, 6, 10, 0);
  return i;
}

/* @n steps "手順テキストNNNN" and, in @timeline, @n events "経過記録NNNN". */
static void
add_many (JhkIncident *incident,
          GPtrArray   *timeline,
          guint        n)
{
  for (guint k = 1; k <= n; k++)
    {
      g_autofree char *text = g_strdup_printf ("手順テキスト%04u", k);
      g_autofree char *event = g_strdup_printf ("経過記録%04u", k);
      JhkIncidentStep *s = step_new (k, text, k % 2 ? "ops_manager" : "", k % 3 ? "done" : "pending");

      if (k % 3)
        {
          g_free (s->done_by_name);
          s->done_by_name = g_strdup ("中央運用");
          s->done_at = jhk_test_jst (2026, 11, 5, 9, k % 60);
        }
      g_ptr_array_add (incident->steps, s);
      g_ptr_array_add (timeline, event_new (jhk_test_jst (2026, 11, 5, 9, k % 60), "中央運用",
                                            "note", event));
    }
}

static char *
write_report (JhkIncidentReportForm *form,
              const char            *name)
{
  g_autoptr(GError) error = NULL;
  char *path = jhk_test_new_file (name);

  g_assert_true (jhk_incident_report_form_write_pdf (form, path, &error));
  g_assert_no_error (error);
  return path;
}

static void
assert_words (const char         *words,
              const char * const *values,
              guint               n)
{
  for (guint k = 0; k < n; k++)
    {
      g_autofree char *value = forms_test_squeeze (values[k]);

      if (strstr (words, value) == NULL)
        g_error ("“%s” is not printed in:\n%s", values[k], words);
    }
}

/* Removes the PDF at @path, or moves it to $JHK_TEST_KEEP_PDF (a
 * directory) to be looked at. */
static void
done_with (const char *path)
{
  const char *keep = g_getenv ("JHK_TEST_KEEP_PDF");

  if (keep != NULL && *keep != '\0')
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *dest = g_build_filename (keep, base, NULL);

      g_assert_cmpint (g_rename (path, dest), ==, 0);
      return;
    }
  g_unlink (path);
}

/* Tests */

/* R19-2..5: every part of the record is printed, in 和暦, the file its
 * owner's with the IPAex fonts embedded. */
static void
test_report_fields (void)
{
  g_autoptr(JhkIncident) incident = full_incident ();
  g_autoptr(GPtrArray) timeline = timeline_new ();
  g_autoptr(JhkIncidentReportForm) form = NULL;
  g_autofree char *path = NULL;
  g_autofree char *words = NULL;
  g_autofree char *title = NULL;
  g_autofree char *last = NULL;
  guint n_pages;
  const char *const values[] = {
    REPORT_TITLE, "所属", "中央警察署", "事故番号", "第12号", "終結（重大事故）",
    "発生日時", "令和8年11月5日 8時10分", "発見日時", "令和8年11月5日 8時30分",
    "報告者", "中央運用", "照会端末が起動しない", "対処要領", "端末故障時の対処要領（第3版）",
    /* the facts */
    "事故の状況", "何が起きたか", "照会端末2号機の電源を入れたが起動しなかった", "影響システム",
    "照会システム", "照会端末2号機", "運転免許照会業務", "R8-0042 照会結果一覧表",
    "■ システムの損壊", "■ 対象業務の停止（180分）", "□ 個人情報の漏えい",
    /* the checklist */
    "対処手順の実施状況", "No.", "手順", "担当", "状態", "実施者", "日時", "確認者",
    "備考・省略理由", "端末をネットワークから外す。", "運用管理者", "11月5日 8:45",
    "中央幹部", "11月5日 9:05", "LANケーブルを抜いた", "保守業者に連絡する。", "省略",
    "省略理由：システム管理者が手配済み", "代替端末で照会を再開する。", "未",
    /* recovery, investigation, dispatch */
    "復旧依頼", "依頼先", "システム管理者", "復旧完了", "端末の交換を依頼する",
    "令和8年11月5日 9時10分", "調査・職員派遣", "管理太郎", "電源装置の故障と認めた",
    "情報管理課 技術一郎", "令和8年11月5日 11時00分", "端末を交換し復旧した",
    /* seriousness and the report */
    "重大事故の認定及び報告", "認定基準による", "対象業務の停止 180 分 (基準 120 分)",
    "総括責任者・主管部長への報告", "確認済", "報告期限", "令和8年11月6日 8時30分",
    "概要", "照会端末の電源装置が故障した", "漏えい等した項目", "本人の数", "0人", "原因",
    "電源装置の経年劣化", "二次被害のおそれ", "二次被害のおそれはない", "本人への対応",
    "対応を要しない", "公表", "公表しない", "電源装置を定期点検する",
    "令和8年11月5日 15時00分", "総括責任者", "総括花子", "令和8年11月5日 16時00分",
    "主管部長", "部長次郎", "令和8年11月5日 17時00分",
    /* closing and timeline */
    "再発防止策及び終結", "予備端末を常備する", "令和8年11月6日 10時00分", "経過記録",
    "記録者", "事故登録", "事故を登録した", "報告確認", "主管部長が確認した",
  };

  if (!forms_test_have_poppler_utils ())
    return;

  g_ptr_array_add (timeline, event_new (jhk_test_jst (2026, 11, 5, 8, 40), "中央運用", "opened",
                                        "事故を登録した"));
  g_ptr_array_add (timeline, event_new (jhk_test_jst (2026, 11, 5, 17, 0), "部長次郎",
                                        "acknowledged", "主管部長が確認した"));
  form = jhk_incident_report_form_new (incident, timeline);
  title = jhk_incident_report_form_get_title (form);
  g_assert_cmpstr (title, ==, FULL_TITLE);
  n_pages = jhk_incident_report_form_get_n_pages (form);
  g_test_message ("a full incident: %u sheets", n_pages);
  path = write_report (form, "incident-report.pdf");
  forms_test_assert_private_pdf (path, n_pages, FULL_TITLE);
  forms_test_assert_ipaex_fonts_embedded (path, TRUE);
  words = forms_test_words (path, 0);
  assert_words (words, values, G_N_ELEMENTS (values));
  /* The seals on the last sheet only. */
  last = forms_test_words (path, n_pages);
  g_assert_nonnull (strstr (last, STATEMENT));
  g_assert_nonnull (strstr (last, "運用管理者システム管理者"));
  g_assert_cmpuint (forms_test_count_of (words, STATEMENT), ==, 2);
  g_assert_null (strstr (words, "…"));
  done_with (path);
}

/* R19-3, R19-5: an incident without recovery and not serious prints
 * without those sections, on one sheet. */
static void
test_report_plain (void)
{
  g_autoptr(JhkIncident) incident = plain_incident ();
  g_autoptr(JhkIncidentReportForm) form = jhk_incident_report_form_new (incident, NULL);
  g_autofree char *path = NULL;
  g_autofree char *words = NULL;
  const char *const absent[] = {
    "復旧依頼", "調査・職員派遣", "重大事故", "総括責任者・主管部長への報告", "本人の数",
    "二次被害", "依頼先", "派遣職員",
  };
  const char *const present[] = {
    REPORT_TITLE, "対処中", "事故の状況", "□ システムの損壊", "□ 対象業務の停止",
    "対処手順の実施状況", "対処手順はない。", "再発防止策及び終結", "未終結", "経過記録",
    "記録はない。", "1 / 1", STATEMENT,
  };

  if (!forms_test_have_poppler_utils ())
    return;

  g_assert_cmpuint (jhk_incident_report_form_get_n_pages (form), ==, 1);
  path = write_report (form, "incident-plain.pdf");
  forms_test_assert_private_pdf (path, 1, FULL_TITLE);
  words = forms_test_words (path, 0);
  assert_words (words, present, G_N_ELEMENTS (present));
  for (guint k = 0; k < G_N_ELEMENTS (absent); k++)
    if (strstr (words, absent[k]) != NULL)
      g_error ("“%s” is printed for an incident without it", absent[k]);
  /* The sections are numbered without gaps. */
  g_assert_nonnull (strstr (words, "１事故の状況"));
  g_assert_nonnull (strstr (words, "３再発防止策及び終結"));
  g_assert_nonnull (strstr (words, "４経過記録"));
  done_with (path);
}

/* R19-2: a long checklist and timeline break across sheets; every step
 * and event is printed once, in order, each sheet with rows under its
 * table's column heads, every sheet numbered "n / N", the seals on the
 * last. */
static void
test_report_pages (void)
{
  g_autoptr(JhkIncident) incident = plain_incident ();
  g_autoptr(GPtrArray) timeline = timeline_new ();
  g_autoptr(JhkIncidentReportForm) form = NULL;
  g_autofree char *path = NULL;
  g_autofree char *all = NULL;
  const guint n = 150;
  guint n_pages;
  const char *last = NULL;
  gint64 start;

  add_many (incident, timeline, n);
  start = g_get_monotonic_time ();
  form = jhk_incident_report_form_new (incident, timeline);
  n_pages = jhk_incident_report_form_get_n_pages (form);
  g_test_message ("%u steps and %u events → %u sheets, laid out in %.1f ms", n, n, n_pages,
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (n_pages, >=, 6);

  if (!forms_test_have_poppler_utils ())
    return;

  path = write_report (form, "incident-pages.pdf");
  forms_test_assert_private_pdf (path, n_pages, FULL_TITLE);
  all = forms_test_words (path, 0);
  for (guint k = 1; k <= n; k++)
    {
      g_autofree char *step = g_strdup_printf ("手順テキスト%04u", k);
      g_autofree char *event = g_strdup_printf ("経過記録%04u", k);
      const char *where;

      /* Twice: pdftotext's order and the layout. */
      g_assert_cmpuint (forms_test_count_of (all, step), ==, 2);
      g_assert_cmpuint (forms_test_count_of (all, event), ==, 2);
      where = strstr (all, step);
      g_assert_true (last == NULL || where > last);
      last = where;
    }
  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *words = forms_test_words (path, page);
      g_autofree char *number = g_strdup_printf ("%u/%u", page, n_pages);

      g_assert_nonnull (strstr (words, REPORT_TITLE));
      /* At the top and at the foot. */
      g_assert_cmpuint (forms_test_count_of (words, number), >=, 2);
      if (strstr (words, "手順テキスト") != NULL)
        g_assert_nonnull (strstr (words, "備考・省略理由"));
      if (strstr (words, "経過記録0") != NULL)
        g_assert_nonnull (strstr (words, "記録者区分内容"));
      g_assert_true ((strstr (words, STATEMENT) != NULL) == (page == n_pages));
    }
  done_with (path);
}

/* Renders every sheet of @form at 1 px a point. */
static GPtrArray *
render (JhkIncidentReportForm *form)
{
  GPtrArray *images = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);

  for (guint page = 0; page < jhk_incident_report_form_get_n_pages (form); page++)
    {
      cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                       (int) JHK_FORMS_A4_WIDTH,
                                                       (int) JHK_FORMS_A4_HEIGHT);
      cairo_t *cr = cairo_create (s);

      jhk_incident_report_form_draw_page (form, cr, page);
      cairo_destroy (cr);
      cairo_surface_flush (s);
      g_ptr_array_add (images, s);
    }
  return images;
}

/* R19-5: texts of the longest kind, in a field and in a cell of the
 * checklist, are printed whole, wrapped in their boxes across sheets and
 * never beyond the margins. */
static void
test_report_long_text (void)
{
  g_autoptr(JhkIncident) incident = full_incident ();
  g_autoptr(JhkIncidentReportForm) form = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *words = NULL;
  JhkIncidentStep *step;
  guint n_sentences, ink = 0;

  for (n_sentences = 0; g_utf8_strlen (long_text->str, -1) < JHK_INCIDENT_TEXT_MAX - 20;
       n_sentences++)
    g_string_append_printf (long_text, "第%04u文、端末が応答しなかった。", n_sentences);
  g_free (incident->description);
  incident->description = g_strdup (long_text->str);
  g_free (incident->report.cause);
  incident->report.cause = g_strdup (long_text->str);
  step = g_ptr_array_index (incident->steps, 0);
  g_free (step->note);
  step->note = g_strdup (long_text->str);
  form = jhk_incident_report_form_new (incident, NULL);
  g_test_message ("three texts of %ld characters → %u sheets", g_utf8_strlen (long_text->str, -1),
                  jhk_incident_report_form_get_n_pages (form));
  g_assert_cmpuint (jhk_incident_report_form_get_n_pages (form), >=, 5);

  /* Nothing inked in the side margins (the boxes end at 40 pt). */
  images = render (form);
  for (guint p = 0; p < images->len; p++)
    {
      cairo_surface_t *s = g_ptr_array_index (images, p);
      const guchar *data = cairo_image_surface_get_data (s);
      int stride = cairo_image_surface_get_stride (s);
      int w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s);

      for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
          if ((x < 38 || x > w - 38) &&
              (*(const guint32 *) (data + y * stride + x * 4) & 0xffffff) != 0xffffff)
            ink++;
    }
  g_assert_cmpuint (ink, ==, 0);

  if (!forms_test_have_poppler_utils ())
    return;
  path = write_report (form, "incident-long.pdf");
  text = forms_test_page_text (path, 0);
  words = forms_test_squeeze (text);
  /* Every sentence, in the 何が起きたか, the step's note and the 原因: its number (a
   * sentence may be cut by a page break between the lines of its box,
   * where pdftotext reads the foot and head of the sheets). */
  for (guint k = 0; k < n_sentences; k++)
    {
      g_autofree char *sentence = g_strdup_printf ("第%04u文", k);

      if (forms_test_count_of (words, sentence) != 3)
        g_error ("“%s” is printed %u times, not three:\n%s", sentence,
                 forms_test_count_of (words, sentence), words);
    }
  g_assert_null (strstr (words, "…"));
  g_assert_nonnull (strstr (words, "（続）"));
  done_with (path);
}

/* R19-5: the same data draws the same sheets, pixel for pixel, and
 * writes the same file, byte for byte (dated by the record). */
static void
test_report_repeatable (void)
{
  g_autoptr(JhkIncident) incident = full_incident ();
  g_autoptr(GPtrArray) timeline = timeline_new ();
  g_autoptr(JhkIncidentReportForm) a = NULL;
  g_autoptr(JhkIncidentReportForm) b = NULL;
  g_autoptr(GPtrArray) images_a = NULL;
  g_autoptr(GPtrArray) images_b = NULL;

  add_many (incident, timeline, 40);
  a = jhk_incident_report_form_new (incident, timeline);
  b = jhk_incident_report_form_new (incident, timeline);
  g_assert_cmpuint (jhk_incident_report_form_get_n_pages (a), ==,
                    jhk_incident_report_form_get_n_pages (b));
  images_a = render (a);
  images_b = render (b);
  for (guint p = 0; p < images_a->len; p++)
    {
      cairo_surface_t *sa = g_ptr_array_index (images_a, p);
      cairo_surface_t *sb = g_ptr_array_index (images_b, p);
      gsize size = cairo_image_surface_get_stride (sa) * cairo_image_surface_get_height (sa);

      g_assert_cmpmem (cairo_image_surface_get_data (sa), size, cairo_image_surface_get_data (sb),
                       size);
    }

  {
    g_autofree char *path_a = write_report (a, "incident-same.pdf");
    g_autofree char *path_b = NULL;
    g_autofree char *bytes_a = NULL;
    g_autofree char *bytes_b = NULL;
    g_autofree char *info = NULL;
    gsize len_a, len_b;

    /* A second later: the clock is not in the file. */
    g_usleep (G_USEC_PER_SEC + 100000);
    path_b = write_report (b, "incident-same.pdf");
    g_assert_true (g_file_get_contents (path_a, &bytes_a, &len_a, NULL));
    g_assert_true (g_file_get_contents (path_b, &bytes_b, &len_b, NULL));
    g_assert_cmpmem (bytes_a, len_a, bytes_b, len_b);
    g_test_message ("%u sheets: %" G_GSIZE_FORMAT " bytes, twice the same",
                    jhk_incident_report_form_get_n_pages (a), len_a);
    if (forms_test_have_poppler_utils ())
      {
        /* Closed at 10:00 Japan time. */
        info = forms_test_run_tool ("pdfinfo", "-isodates", path_a, NULL);
        forms_test_assert_pdfinfo_field (info, "CreationDate", "2026-11-06T10:00:00+09");
      }
    g_unlink (path_a);
    g_unlink (path_b);
  }
}

/* The file is its owner's only; a path that cannot be written is an
 * error naming it. */
static void
test_report_private (void)
{
  g_autoptr(JhkIncident) incident = plain_incident ();
  g_autoptr(JhkIncidentReportForm) form = jhk_incident_report_form_new (incident, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = jhk_test_new_file ("incident-mode.pdf");
  g_autofree char *dir = jhk_test_new_file ("missing");
  g_autofree char *bad = g_build_filename (dir, "report.pdf", NULL);
  GStatBuf st;

  /* Even over a file readable by others. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_true (jhk_incident_report_form_write_pdf (form, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_false (jhk_incident_report_form_write_pdf (form, bad, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, bad));
  g_test_message ("%s", error->message);
  done_with (path);
}

/* R19-5: the report of a demo incident as an actor may see it, read
 * through the services: its facts, checklist, report and timeline; an
 * actor of another office cannot print it. */
static void
test_report_load (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) unyo = jhk_test_login (db, "chuo-unyo");
  g_autoptr(JhkSession) higashi = jhk_test_login (db, "higashi-unyo");
  g_autoptr(JhkIncidentReportForm) form = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *title = NULL;
  g_autofree char *path = NULL;
  g_autofree char *words = NULL;
  const char *const values[] = {
    REPORT_TITLE, "中央警察署", "個人情報を含む出力資料の所在不明", "指紋照合システム",
    "■ 個人情報の漏えい", "重大事故の認定及び報告", "総括責任者・主管部長への報告",
    "氏名、生年月日、指紋照合の結果", "12人", "交付後の返却確認を怠り", "報告済",
    "経過記録", "事故登録", "報告確認", STATEMENT,
  };
  gint64 id;

  id_text = jhk_test_query_text (db, "SELECT id FROM incidents"
                                     " WHERE title = '個人情報を含む出力資料の所在不明'",
                                 JHK_DB_END);
  g_assert_nonnull (id_text);
  id = g_ascii_strtoll (id_text, NULL, 10);

  g_assert_null (jhk_incident_report_form_load (db, higashi, id, &error));
  g_assert_nonnull (error);
  g_test_message ("another office: %s", error->message);
  g_clear_error (&error);

  form = jhk_incident_report_form_load (db, unyo, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (form);
  title = jhk_incident_report_form_get_title (form);
  expected = g_strdup_printf ("事故報告書 第%lld号 中央警察署", (long long) id);
  g_assert_cmpstr (title, ==, expected);

  if (!forms_test_have_poppler_utils ())
    return;
  path = write_report (form, "incident-load.pdf");
  forms_test_assert_private_pdf (path, jhk_incident_report_form_get_n_pages (form), expected);
  words = forms_test_words (path, 0);
  assert_words (words, values, G_N_ELEMENTS (values));
  done_with (path);
}

/* An incident of nothing but zeros (as a half-read record might be)
 * still makes a report of one sheet. */
static void
test_report_empty (void)
{
  JhkIncident incident = { 0 };
  g_autoptr(JhkIncidentReportForm) form = jhk_incident_report_form_new (&incident, NULL);
  g_autoptr(GPtrArray) images = NULL;
  g_autofree char *title = jhk_incident_report_form_get_title (form);

  g_assert_cmpuint (jhk_incident_report_form_get_n_pages (form), ==, 1);
  g_assert_cmpstr (title, ==, "事故報告書 第0号");
  images = render (form);
  g_assert_cmpuint (images->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/forms/R19-5/report-fields", test_report_fields);
  g_test_add_func ("/forms/R19-3/without-recovery-or-report", test_report_plain);
  g_test_add_func ("/forms/R19-2/long-checklist-pages", test_report_pages);
  g_test_add_func ("/forms/R19-5/long-text", test_report_long_text);
  g_test_add_func ("/forms/R19-5/repeatable", test_report_repeatable);
  g_test_add_func ("/forms/R19-5/private", test_report_private);
  g_test_add_func ("/forms/R19-5/load", test_report_load);
  g_test_add_func ("/forms/R19-2/empty-record", test_report_empty);

  return jhk_test_run ();
}
