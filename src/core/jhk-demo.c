/* jhk-demo.c: the demo organisation. Everything goes through the services,
 * so the demo database has a complete audit chain like a real one. */
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "jhk-accounts.h"
#include "jhk-approvals.h"
#include "jhk-delivery-private.h"
#include "jhk-demo.h"
#include "jhk-demo-private.h"
#include "jhk-ledger.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-settings.h"
#include "jhk-signoffs.h"
#include "jhk-sysdocs.h"
#include "jhk-work-requests.h"

typedef struct
{
  const char *code;
  const char *name;
  const char *kind;
  const char *parent;
  const char *head_title;
} DemoUnit;

static const DemoUnit units[] = {
  { "100", "総務部", "department", NULL, "総務部長" },
  { "110", "情報管理課", "office", "100", "情報管理課長" },
  { "111", "システム係", "section", "110", "システム係長" },
  { "112", "運用係", "section", "110", "運用係長" },
  { "300", "刑事部", "department", NULL, "刑事部長" },
  { "310", "刑事総務課", "office", "300", "刑事総務課長" },
  { "311", "鑑識係", "section", "310", "鑑識係長" },
  { "400", "交通部", "department", NULL, "交通部長" },
  { "410", "運転免許本部", "office", "400", "運転免許本部長" },
  { "411", "免許管理係", "section", "410", "免許管理係長" },
  { "900", "第一方面本部", "department", NULL, "第一方面本部長" },
  { "910", "中央警察署", "office", "900", "中央警察署長" },
  { "911", "警務課", "section", "910", "警務課長" },
  { "912", "生活安全課", "section", "910", "生活安全課長" },
  { "913", "刑事課", "section", "910", "刑事課長" },
  { "914", "地域課", "section", "910", "地域課長" },
  { "920", "東警察署", "office", "900", "東警察署長" },
  { "921", "警務課", "section", "920", "警務課長" },
  { "922", "刑事課", "section", "920", "刑事課長" },
  { "930", "西警察署", "office", "900", "西警察署長" },
  { "931", "警務課", "section", "930", "警務課長" },
  { "932", "交通課", "section", "930", "交通課長" },
};

typedef struct
{
  const char *staff_no;
  const char *name;
  const char *kana;
  const char *rank;
  const char *title;
  const char *unit;
  const char *extension;
  const char *login;       /* NULL: no user ID */
  const char *role;
  const char *scope;       /* unit code or business code, NULL for none */
} DemoPerson;

static const DemoPerson people[] = {
  { "A1001", "高橋 一郎", "タカハシ イチロウ", "警視監", "総務部長", "100", "2001",
    "soukatsu", "supervisor", NULL },
  { "A1101", "佐藤 浩二", "サトウ コウジ", "警視正", "情報管理課長", "110", "2101",
    "admin", "sysadmin", NULL },
  { "A1102", "中村 真理", "ナカムラ マリ", "警部", "システム係長", "111", "2111",
    NULL, "staff", "110" },
  { "A3001", "伊藤 剛", "イトウ ツヨシ", "警視監", "刑事部長", "300", "3001",
    "keiji-bucho", "dept_head", "300" },
  { "A3101", "渡辺 誠", "ワタナベ マコト", "警視正", "刑事総務課長", "310", "3101",
    "gyomu", "biz_owner", "B101" },
  { "A4101", "山本 裕子", "ヤマモト ユウコ", "警視正", "運転免許本部長", "410", "4101",
    "denshi", "egov_owner", "E201" },
  { "A1103", "小林 健", "コバヤシ ケン", "警視", "運用係長", "112", "2112",
    "shukan", "lead_owner", "L301" },
  { "C9101", "加藤 正男", "カトウ マサオ", "警視正", "中央警察署長", "910", "9101",
    "chuo-unyo", "ops_manager", "910" },
  { "C9102", "吉田 京子", "ヨシダ キョウコ", "警視", "副署長", "910", "9102",
    "chuo-sekinin", "info_lead", "910" },
  { "C9111", "山田 太郎", "ヤマダ タロウ", "警部", "警務課長", "911", "9111",
    "chuo-kanri", "info_manager", "911" },
  { "C9112", "佐々木 恵", "ササキ メグミ", "警部補", "警務係長", "911", "9112",
    "chuo-hojo", "info_assistant", "911" },
  { "C9131", "髙橋 修", "タカハシ オサム", "警部補", "刑事課強行犯係長", "913", "9131",
    "chuo-kanbu", "inquiry_supervisor", "913" },
  { "C9113", "松本 大輔", "マツモト ダイスケ", "巡査部長", "警務係", "911", "9113",
    "chuo-koufu", "transfer_officer", "B101" },
  { "C9132", "井上 翔太", "イノウエ ショウタ", "巡査", "刑事課強行犯係", "913", "9132",
    "chuo-shokuin", "staff", "910" },
  { "C9141", "木村 彩", "キムラ アヤ", "巡査", "地域課", "914", "9141",
    NULL, "staff", "910" },
  { "C9201", "林 英明", "ハヤシ ヒデアキ", "警視正", "東警察署長", "920", "9201",
    "higashi-unyo", "ops_manager", "920" },
  { "C9301", "清水 聡", "シミズ サトシ", "警視正", "西警察署長", "930", "9301",
    "nishi-unyo", "ops_manager", "930" },
};

typedef struct
{
  const char *code;
  const char *name;
  const char *kind;
  int         category;
  int         basis;
  const char *owner;
  gboolean    approve;
  const char *description;
} DemoBusiness;

static const DemoBusiness businesses[] = {
  { "B101", "指紋照合業務", "target", 1, 0, "310", TRUE, "遺留指紋と登録指紋の照合" },
  { "B102", "犯罪統計業務", "target", 2, 0, "310", TRUE, "犯罪の発生・検挙の集計と分析" },
  { "B103", "運転免許照会業務", "target", 1, 0, "410", TRUE, "運転免許情報の照会" },
  { "B104", "遺失物管理業務", "target", 4, 0, "110", FALSE, "遺失物・拾得物の管理（承認待ち）" },
  { "E201", "運転免許電子申請業務", "egov", 0, 1, "410", TRUE, "道路交通法に基づく申請の電子受付" },
  { "E202", "風俗営業電子届出業務", "egov", 0, 2, "110", FALSE, "公安委員会が定める届出（承認待ち）" },
  { "L301", "庁内文書管理業務", "lead", 0, 0, "110", FALSE, "庁内文書の登録と管理" },
};

static const JhkDemoAccount accounts[] = {
  { "admin", "sysadmin", "システム管理者（情報管理課長）" },
  { "soukatsu", "supervisor", "総括責任者（総務部長）" },
  { "gyomu", "biz_owner", "対象業務管理者（刑事総務課長、指紋照合業務）" },
  { "denshi", "egov_owner", "電子化業務の主管業務管理者（運転免許本部長）" },
  { "shukan", "lead_owner", "主管業務管理者（庁内文書管理業務）" },
  { "keiji-bucho", "dept_head", "主管部長（刑事部長）" },
  { "chuo-unyo", "ops_manager", "運用管理者（中央警察署長）" },
  { "chuo-sekinin", "info_lead", "情報管理責任者（中央警察署 副署長）" },
  { "chuo-kanri", "info_manager", "情報管理者（中央警察署 警務課長）" },
  { "chuo-hojo", "info_assistant", "情報管理補助者（中央警察署 警務係長）" },
  { "chuo-kanbu", "inquiry_supervisor", "担当幹部（中央警察署 刑事課強行犯係長）" },
  { "chuo-koufu", "transfer_officer", "交付等担当者（中央警察署、指紋照合業務）" },
  { "chuo-shokuin", "staff", "アクセス権者・照会者（中央警察署 刑事課）" },
  { "higashi-unyo", "ops_manager", "運用管理者（東警察署長）" },
  { "nishi-unyo", "ops_manager", "運用管理者（西警察署長）" },
  { NULL, NULL, NULL },
};

const JhkDemoAccount *
jhk_demo_accounts (void)
{
  return accounts;
}

static gint64
scope_id (JhkDb      *db,
          const char *role,
          const char *scope,
          gint64     *business_id)
{
  *business_id = 0;
  if (scope == NULL)
    return 0;
  if (jhk_role_get_scope (jhk_role_from_key (role)) == JHK_SCOPE_BUSINESS)
    {
      *business_id = jhk_org_find_business (db, scope);
      return 0;
    }
  return jhk_org_find_unit (db, scope);
}

static char *
days_ago (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (jhk_now_us () / G_USEC_PER_SEC);
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* Issue 4, 第18 and R15-3 (engineer C): 中央警察署's system documents,
 * programs and manuals, one document open to a named member of staff
 * (R18-3), and closed materials of 中央 and 西警察署 whose five years
 * from the last entry are over, for jhkctl material expired and the
 * dashboard. */
static gboolean
demo_system_documents (JhkDb   *db,
                       GError **error)
{
  g_autoptr(JhkSession) chuo = jhk_session_load (db, jhk_accounts_lookup (db, "chuo-unyo"),
                                                 NULL, error);
  g_autoptr(JhkSession) nishi = NULL;
  static const struct { const char *name; const char *category; gboolean printed; } docs[] = {
    { "指紋照合システム 運用設計書", "system_document", FALSE },
    { "指紋照合システム 障害対応手順書", "system_document", FALSE },
    { "指紋照合端末 プログラム媒体（CD-R）", "program", FALSE },
    { "指紋照合端末 取扱説明書", "manual", FALSE },
    { "運転免許照会端末 操作手順（電子版から印刷）", "manual", TRUE },
  };
  static const int expired_days[] = { 2555, 2300, 1900 };
  gint64 office = jhk_org_find_unit (db, "910");
  gint64 handler = jhk_org_find_staff (db, "C9113");
  gint64 cabinet, shelf, first = 0;
  g_autofree char *d40 = days_ago (40);

  if (chuo == NULL)
    return FALSE;
  cabinet = jhk_ledger_add_storage_place (db, chuo, office, "情報管理 文書庫", TRUE, error);
  shelf = cabinet ? jhk_ledger_add_storage_place (db, chuo, office, "警務課 取扱説明書棚", FALSE,
                                                  error) : 0;
  if (shelf == 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      gboolean manual = g_str_equal (docs[i].category, "manual");
      gint64 id = jhk_ledger_register_material (db, chuo, &(JhkMaterialSpec) {
          .org_unit_id = office, .direction = "input", .name = docs[i].name, .quantity = 1,
          .business_id = jhk_org_find_business (db, manual && docs[i].printed ? "B103" : "B101"),
          .handler_staff_id = handler, .purpose = "システムの運用と保守",
          .acquired_on = d40,
          .acquisition_method = docs[i].printed ? "printed" : "received",
          .acquisition_text = docs[i].printed ? NULL : "情報管理課 システム係",
          .measure = "store", .storage_place_id = manual ? shelf : cabinet,
          .category = docs[i].category, .printed_manual = docs[i].printed },
        error);

      if (id == 0)
        return FALSE;
      if (first == 0)
        first = id;
    }
  /* R18-3: 刑事課's C9132 maintains the system and may view its design. */
  if (!jhk_sysdocs_add_viewer (db, chuo, first, jhk_org_find_staff (db, "C9132"), error))
    return FALSE;

  /* R15-3: closed long ago; the last of them is not five years old yet. */
  for (guint i = 0; i < G_N_ELEMENTS (expired_days); i++)
    {
      g_autofree char *on = days_ago (expired_days[i]);
      g_autofree char *name = g_strdup_printf ("犯罪統計 集計表（%s）", on);
      gint64 id = jhk_ledger_register_material (db, chuo, &(JhkMaterialSpec) {
          .org_unit_id = office, .direction = "output", .name = name, .quantity = 2,
          .business_id = jhk_org_find_business (db, "B102"), .handler_staff_id = handler,
          .purpose = "統計の報告", .acquired_on = on, .acquisition_method = "printed",
          .measure = "store", .storage_place_id = cabinet },
        error);

      if (id == 0 ||
          !jhk_ledger_record_event (db, chuo, id, &(JhkMaterialEvent) {
              .kind = "lend", .happened_on = on, .quantity = 1, .handler_staff_id = handler,
              .counterpart = "刑事課" }, NULL, error) ||
          !jhk_ledger_record_event (db, chuo, id, &(JhkMaterialEvent) {
              .kind = "return", .happened_on = on, .quantity = 1, .handler_staff_id = handler,
              .counterpart = "刑事課" }, NULL, error) ||
          !jhk_ledger_final_disposition (db, chuo, id, &(JhkMaterialDisposition) {
              .kind = "dispose", .happened_on = on, .method = "shred",
              .handler_staff_id = handler }, error))
        return FALSE;
    }
  nishi = jhk_session_load (db, jhk_accounts_lookup (db, "nishi-unyo"), NULL, error);
  if (nishi == NULL)
    return FALSE;
  {
    g_autofree char *on = days_ago (2200);

    return jhk_ledger_register_material (db, nishi, &(JhkMaterialSpec) {
        .org_unit_id = jhk_org_find_unit (db, "930"), .direction = "output",
        .name = "交通事故 統計表（旧様式）", .quantity = 1,
        .business_id = jhk_org_find_business (db, "B102"),
        .handler_staff_id = jhk_org_find_staff (db, "C9301"), .purpose = "統計の報告",
        .acquired_on = on, .acquisition_method = "printed",
        .measure = "dispose_without_storing", .disposed_on = on, .disposal_method = "shred" },
      error) != 0;
  }
}

/* The generated part of the demo ledger: a few hundred materials of 中央警察署
 * and 西警察署 over the past two years, made by the offices' own ledger
 * keepers through the services, so that every row obeys the rules and is
 * audited. A fixed seed makes it the same on every run (relative to today). */

#define DEMO_LEDGER_SEED 20240401
#define DEMO_LEDGER_DAYS 730

typedef struct
{
  const char *name;
  const char *direction;
  const char *business;
  gboolean    personal_data;
  const char *reason;          /* R17-1, personal-data output */
  const char *method;          /* acquisition: received / printed / other */
  const char *from;            /* from whom, or how */
  const char *unit;            /* 内訳's unit */
  const char *summary;
  const char *purpose;
} DemoMaterial;

static const DemoMaterial chuo_materials[] = {
  { "指紋照合結果一覧表", "output", "B101", TRUE, "procedure", "printed", NULL, "枚",
    "遺留指紋と登録指紋の照合結果", "窃盗事件の捜査" },
  { "指紋照会依頼書", "input", "B101", TRUE, NULL, "received", "刑事課 強行犯係", "枚",
    "被疑者の指紋照会の依頼", "指紋照会の実施" },
  { "遺留指紋照合回答書", "input", "B101", TRUE, NULL, "received", "刑事総務課 鑑識係", "部",
    "鑑識係からの照合回答", "侵入盗事件の捜査" },
  { "指紋照合端末 試験出力", "output", "B101", TRUE, "maintenance_test", "printed", NULL, "枚",
    "照合端末の定期点検で出力した試験票", "照合端末の保守" },
  { "犯罪統計月報", "output", "B102", FALSE, NULL, "printed", NULL, "部",
    "署管内の刑法犯認知・検挙件数", "署内の情勢分析" },
  { "犯罪発生状況集計表", "output", "B102", FALSE, NULL, "printed", NULL, "枚",
    "罪種別・町丁別の発生件数", "警ら計画の策定" },
  { "刑法犯認知件数四半期報告", "output", "B102", FALSE, NULL, "printed", NULL, "部",
    "四半期ごとの認知件数の推移", "署長報告" },
  { "犯罪統計原票", "input", "B102", FALSE, NULL, "received", "刑事課 盗犯係", "冊",
    "事件ごとの統計原票の綴り", "犯罪統計の入力" },
  { "運転免許保有者一覧表", "output", "B103", TRUE, "law", "printed", NULL, "枚",
    "照会対象者の運転免許の保有状況", "交通事故事件の捜査" },
  { "運転免許照会依頼書", "input", "B103", TRUE, NULL, "received", "地域課", "枚",
    "職務質問時の運転免許照会の依頼", "運転免許情報の照会" },
  { "照会回答書", "input", "B103", TRUE, NULL, "received", "運転免許本部 免許管理係", "部",
    "運転免許情報照会への回答", "ひき逃げ事件の捜査" },
  { "運転免許照会結果票", "output", "B103", TRUE, "procedure", "printed", NULL, "枚",
    "照会端末で出力した照会結果", "無免許運転事件の捜査" },
  { "運転免許電子申請 受付一覧", "output", "E201", TRUE, "law", "printed", NULL, "枚",
    "署で受け付けた電子申請の一覧", "申請書類の照合" },
  { "電子申請 処理結果通知控", "output", "E201", TRUE, "procedure", "printed", NULL, "部",
    "申請者への処理結果通知の控え", "申請処理の記録" },
  { "電子申請 添付書類", "input", "E201", TRUE, NULL, "received", "運転免許本部", "枚",
    "申請に添付された書類の写し", "申請内容の確認" },
  { "庁内文書 収受簿", "output", "L301", FALSE, NULL, "printed", NULL, "冊",
    "署で収受した庁内文書の一覧", "文書の収受管理" },
  { "文書管理システム 操作記録", "output", "L301", FALSE, NULL, "other", "運用係から電子媒体で受領", "枚(CD-R)",
    "文書管理システムの操作ログ", "システムの運用監査" },
};

static const DemoMaterial nishi_materials[] = {
  { "犯罪統計月報", "output", "B102", FALSE, NULL, "printed", NULL, "部",
    "署管内の刑法犯認知・検挙件数", "署内の情勢分析" },
  { "交通事故発生状況集計表", "output", "B102", FALSE, NULL, "printed", NULL, "枚",
    "路線別・時間帯別の交通事故件数", "交通取締り計画の策定" },
  { "運転免許照会依頼書", "input", "B103", TRUE, NULL, "received", "交通課", "枚",
    "交通違反取締り時の照会依頼", "運転免許情報の照会" },
  { "運転免許保有者一覧表", "output", "B103", TRUE, "law", "printed", NULL, "枚",
    "照会対象者の運転免許の保有状況", "交通事故事件の捜査" },
  { "照会回答書", "input", "B103", TRUE, NULL, "received", "運転免許本部 免許管理係", "部",
    "運転免許情報照会への回答", "交通事故事件の捜査" },
  { "運転免許電子申請 受付一覧", "output", "E201", TRUE, "procedure", "printed", NULL, "枚",
    "署で受け付けた電子申請の一覧", "申請書類の照合" },
};

static const char *const lend_to[] = {
  "刑事課 強行犯係", "刑事課 盗犯係", "生活安全課", "地域課", "警務課 留置係", "交通課",
};
static const char *const hand_to[] = {
  "刑事部 刑事総務課", "運転免許本部", "第一方面本部", "地方検察庁", "東警察署 刑事課",
};
static const char *const dispose_methods[] = { "shred", "shred", "shred", "incinerate",
                                               "dissolve", "erase" };

/* A personal-data output handed over to another office: recorded as 交付
 * (hand_over) with its counterpart until transfers (R17-4/5) exist, and
 * registered as received by the other office. */
typedef struct
{
  const DemoMaterial *material;
  int                 day;
  int                 quantity;
} DemoTransfer;

typedef struct
{
  JhkDb        *db;
  JhkSession   *actor;
  GRand        *rand;
  char         *dates[DEMO_LEDGER_DAYS + 1];  /* dates[n]: n days ago */
  gint64        office;
  const char   *office_label;
  gint64        handlers[5];
  guint         n_handlers;
  gint64        witness;                      /* the 情報管理者, 0 for none */
  gint64        locked[3];
  guint         n_locked;
  gint64        shelves[2];
  guint         n_shelves;
  GArray       *transfers;                    /* DemoTransfer, to 西警察署 */
} DemoLedger;

static int
pick (GRand *rand,
      int    n)
{
  return g_rand_int_range (rand, 0, n);
}

static gint64
business_manager (JhkDb      *db,
                  const char *business)
{
  if (g_str_equal (business, "B101"))
    return jhk_org_find_staff (db, "A3101");
  if (g_str_equal (business, "E201"))
    return jhk_org_find_staff (db, "A4101");
  if (g_str_equal (business, "L301"))
    return jhk_org_find_staff (db, "A1103");
  return 0;
}

/* The next date of a history, after *day (days ago) and not in the future. */
static int
later_day (DemoLedger *l,
           int        *day)
{
  if (*day > 0)
    *day -= g_rand_int_range (l->rand, 1, MIN (*day, 90) + 1);
  return *day;
}

/* R16-2: a copy or hand-over of personal-data input material in the
 * generated history goes with the 総括責任者's approval, asked for by the
 * office's keeper and used by the step. */
static gboolean
demo_approval_for (DemoLedger          *l,
                   const DemoMaterial  *t,
                   gint64               material,
                   JhkMaterialEvent    *ev,
                   GError             **error)
{
  g_autoptr(JhkSession) supervisor = NULL;

  if (!t->personal_data || g_strcmp0 (t->direction, "input") != 0 ||
      (g_strcmp0 (ev->kind, "copy") != 0 && g_strcmp0 (ev->kind, "hand_over") != 0))
    return TRUE;
  supervisor = jhk_session_load (l->db, jhk_accounts_lookup (l->db, "soukatsu"), NULL, error);
  if (supervisor == NULL)
    return FALSE;
  ev->approval_id = jhk_approvals_request (l->db, l->actor, material, ev->kind,
                                           g_str_equal (ev->kind, "copy")
                                           ? "捜査のため複写を要する" : "事件送致に伴う交付",
                                           NULL, error);
  return ev->approval_id != 0 &&
         jhk_approvals_approve (l->db, supervisor, ev->approval_id, "承認する", error);
}

static gboolean
demo_one_material (DemoLedger          *l,
                   const DemoMaterial  *t,
                   int                  day,
                   int                  quantity,
                   const char          *received_from,
                   GError             **error)
{
  JhkDb *db = l->db;
  gint64 business = jhk_org_find_business (db, t->business);
  gint64 manager = business_manager (db, t->business);
  gint64 handler = l->handlers[pick (l->rand, l->n_handlers)];
  gboolean designated = manager != 0 && t->personal_data && pick (l->rand, 3) == 0;
  g_autofree char *breakdown = g_strdup_printf ("A4 %d%s", quantity, t->unit);
  gint64 place, id;
  int on_hand = quantity, lent = 0, n_events;
  const char *lent_to = NULL;

  if (t->personal_data || designated || pick (l->rand, 4) == 0)
    place = l->locked[pick (l->rand, l->n_locked)];
  else
    place = l->shelves[pick (l->rand, l->n_shelves)];
  /* 保管せず廃棄: a few outputs only checked at the desk and shredded at
   * once, registered with their disposal. */
  if (received_from == NULL && g_str_equal (t->direction, "output") && !designated &&
      (!t->personal_data || l->witness != 0) && pick (l->rand, 20) == 0)
    return jhk_ledger_register_material (db, l->actor, &(JhkMaterialSpec) {
        .org_unit_id = l->office, .direction = t->direction, .name = t->name,
        .quantity = quantity, .breakdown = breakdown, .summary = t->summary,
        .business_id = business, .handler_staff_id = handler, .purpose = t->purpose,
        .personal_data = t->personal_data, .creation_reason = t->reason,
        .acquired_on = l->dates[day], .acquisition_method = t->method,
        .acquisition_text = t->from, .measure = "dispose_without_storing",
        .measure_text = "内容確認後ただちに裁断", .disposed_on = l->dates[day],
        .disposal_method = "shred",
        .disposal_witness_id = t->personal_data ? l->witness : 0 }, error) != 0;

  id = jhk_ledger_register_material (db, l->actor, &(JhkMaterialSpec) {
      .org_unit_id = l->office, .direction = t->direction, .name = t->name,
      .quantity = quantity, .breakdown = breakdown, .summary = t->summary,
      .business_id = business, .handler_staff_id = handler, .purpose = t->purpose,
      .designated = designated, .designated_by = designated ? manager : 0,
      .personal_data = t->personal_data,
      .creation_reason = g_str_equal (t->direction, "output") ? t->reason : NULL,
      .acquired_on = l->dates[day],
      .acquisition_method = received_from != NULL ? "received" : t->method,
      .acquisition_text = received_from != NULL ? received_from : t->from,
      .measure = "store", .storage_place_id = place }, error);
  if (id == 0)
    return FALSE;

  /* 保管後の経過: a few steps that the state allows, in date order. */
  n_events = pick (l->rand, 5);
  for (int i = 0; i < n_events && day > 0; i++)
    {
      JhkMaterialEvent ev = { .handler_staff_id = handler };
      int roll = pick (l->rand, 20);

      ev.happened_on = l->dates[later_day (l, &day)];
      /* The 情報管理者 has confirmed all but the latest entries. */
      if (l->witness != 0 && day > 7 && pick (l->rand, 5) != 0)
        ev.confirmed_by = l->witness;

      if (lent > 0 && roll < 14)
        {
          ev.kind = "return";
          ev.quantity = lent;
          ev.counterpart = lent_to;
          lent = 0;
        }
      else if (on_hand - lent > 0 && roll < 12)
        {
          ev.kind = "lend";
          ev.quantity = 1 + pick (l->rand, on_hand - lent);
          if (lent == 0)
            lent_to = lend_to[pick (l->rand, G_N_ELEMENTS (lend_to))];
          ev.counterpart = lent_to;
          lent += ev.quantity;
        }
      else if (roll < 14 && (manager != 0 || g_strcmp0 (t->reason, "maintenance_test") == 0))
        {
          ev.kind = "copy";
          ev.quantity = 1;
          if (manager != 0)
            {
              ev.copy_basis = "manager_approval";
              ev.approved_by = manager;
              ev.note = "業務管理者の承認による複写";
            }
          else
            {
              ev.copy_basis = "maintenance_test";
              ev.note = "保守・試験のための複写";
            }
        }
      else if (on_hand - lent > 0 && roll < 15)
        {
          ev.kind = "hand_over";
          ev.quantity = 1 + pick (l->rand, on_hand - lent);
          if (t->personal_data && g_str_equal (t->direction, "output") && l->transfers != NULL &&
              g_strcmp0 (t->reason, "maintenance_test") != 0)
            {
              DemoTransfer transfer = { t, day, ev.quantity };

              ev.counterpart = "西警察署 警務課（職員携行）";
              ev.note = "個人情報の交付（交付の記録は経過欄に）";
              g_array_append_val (l->transfers, transfer);
            }
          else
            ev.counterpart = hand_to[pick (l->rand, G_N_ELEMENTS (hand_to))];
          on_hand -= ev.quantity;
        }
      else if (roll < 16)
        {
          ev.kind = "receive";
          ev.quantity = 1 + pick (l->rand, 3);
          ev.counterpart = g_str_equal (t->direction, "input") && t->from != NULL ? t->from
                                                                               : "情報管理課 運用係";
          ev.note = "追加分の受入";
          on_hand += ev.quantity;
        }
      else if (on_hand - lent > 1 && roll < 18 &&
               (!t->personal_data || (l->witness != 0 && l->witness != handler)))
        {
          ev.kind = "partial_dispose";
          ev.quantity = 1 + pick (l->rand, on_hand - lent - 1);
          ev.method = dispose_methods[pick (l->rand, G_N_ELEMENTS (dispose_methods))];
          ev.witness_staff_id = t->personal_data ? l->witness : 0;
          ev.note = "不要となった分の廃棄";
          on_hand -= ev.quantity;
        }
      else
        {
          ev.kind = "other";
          ev.quantity = 0;
          ev.note = pick (l->rand, 2) ? "保管状況の点検" : "保管場所の移動（同一保管庫内）";
        }
      if (!demo_approval_for (l, t, id, &ev, error) ||
          jhk_ledger_record_event (db, l->actor, id, &ev, NULL, error) == 0)
        return FALSE;
    }

  /* What was lent more than a month ago has come back. */
  if (lent > 0 && day > 30)
    {
      const char *on = l->dates[later_day (l, &day)];

      if (jhk_ledger_record_event (db, l->actor, id, &(JhkMaterialEvent) {
              .kind = "return", .happened_on = on, .quantity = lent, .handler_staff_id = handler,
              .confirmed_by = day > 7 ? l->witness : 0, .counterpart = lent_to }, NULL, error) == 0)
        return FALSE;
      lent = 0;
    }

  /* 最終処理 for about a third of what is back. */
  if (lent == 0 && day > 0 && pick (l->rand, 3) == 0)
    {
      JhkMaterialDisposition d = { .handler_staff_id = handler };
      gboolean can_dispose = !t->personal_data || (l->witness != 0 && l->witness != handler);

      d.happened_on = l->dates[later_day (l, &day)];
      if (can_dispose && pick (l->rand, 5) != 0)
        {
          d.kind = "dispose";
          d.method = dispose_methods[pick (l->rand, G_N_ELEMENTS (dispose_methods))];
          d.witness_staff_id = t->personal_data ? l->witness : 0;
          d.note = "保存の必要がなくなったため";
        }
      else if (g_str_equal (t->direction, "input") && t->from != NULL)
        {
          d.kind = "return";
          d.counterpart = t->from;
          d.note = "用済みにつき返却";
        }
      else
        {
          d.kind = "hand_over";
          d.counterpart = hand_to[pick (l->rand, G_N_ELEMENTS (hand_to))];
          d.note = "事件送致に伴う交付";
        }
      if (!jhk_ledger_final_disposition (db, l->actor, id, &d, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
demo_office_ledger (DemoLedger          *l,
                    const DemoMaterial  *materials,
                    guint                n_materials,
                    guint                count,
                    GError             **error)
{
  for (guint i = 0; i < count; i++)
    {
      const DemoMaterial *t = &materials[pick (l->rand, n_materials)];
      int day = g_rand_int_range (l->rand, 1, DEMO_LEDGER_DAYS + 1);

      if (!demo_one_material (l, t, day, 1 + pick (l->rand, 10), NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gint64
demo_place (DemoLedger  *l,
            const char  *name,
            gboolean     locked,
            GError     **error)
{
  gint64 id = jhk_ledger_add_storage_place (l->db, l->actor, l->office, name, locked, error);

  if (id != 0 && locked)
    l->locked[l->n_locked++] = id;
  else if (id != 0)
    l->shelves[l->n_shelves++] = id;
  return id;
}

static gboolean
demo_generated_ledger (JhkDb   *db,
                       gint64   chuo_locked,
                       gint64   chuo_shelf,
                       GError **error)
{
  g_autoptr(JhkSession) kanri = jhk_session_load (db, jhk_accounts_lookup (db, "chuo-kanri"),
                                                  NULL, error);
  g_autoptr(JhkSession) nishi = NULL;
  g_autoptr(GArray) transfers = g_array_new (FALSE, FALSE, sizeof (DemoTransfer));
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (jhk_now_us () / G_USEC_PER_SEC);
  DemoLedger l = { .db = db, .actor = kanri };
  static const char *const chuo_handlers[] = { "C9112", "C9113", "C9131", "C9132", "C9141" };
  gboolean ok = FALSE;

  if (kanri == NULL)
    return FALSE;
  l.rand = g_rand_new_with_seed (DEMO_LEDGER_SEED);
  for (int i = 0; i <= DEMO_LEDGER_DAYS; i++)
    {
      g_autoptr(GDateTime) then = g_date_time_add_days (now, -i);

      l.dates[i] = g_date_time_format (then, "%Y-%m-%d");
    }

  /* 中央警察署: kept by its 情報管理者, who witnesses disposals. */
  l.office = jhk_org_find_unit (db, "910");
  for (guint i = 0; i < G_N_ELEMENTS (chuo_handlers); i++)
    l.handlers[l.n_handlers++] = jhk_org_find_staff (db, chuo_handlers[i]);
  l.witness = jhk_org_find_staff (db, "C9111");
  l.locked[l.n_locked++] = chuo_locked;
  l.shelves[l.n_shelves++] = chuo_shelf;
  l.transfers = transfers;
  if (demo_place (&l, "刑事課 施錠保管庫", TRUE, error) == 0 ||
      demo_place (&l, "生活安全課 施錠キャビネット", TRUE, error) == 0 ||
      demo_place (&l, "地域課 書庫", FALSE, error) == 0 ||
      !demo_office_ledger (&l, chuo_materials, G_N_ELEMENTS (chuo_materials), 240, error))
    goto out;

  /* 西警察署: kept by its 運用管理者; no 情報管理者 there in the demo, so its
   * personal data leaves by return or hand-over, not by disposal. */
  nishi = jhk_session_load (db, jhk_accounts_lookup (db, "nishi-unyo"), NULL, error);
  if (nishi == NULL)
    goto out;
  l.actor = nishi;
  l.office = jhk_org_find_unit (db, "930");
  l.handlers[0] = jhk_org_find_staff (db, "C9301");
  l.n_handlers = 1;
  l.witness = 0;
  l.n_locked = l.n_shelves = 0;
  l.transfers = NULL;
  if (demo_place (&l, "警務課 施錠保管庫", TRUE, error) == 0 ||
      demo_place (&l, "交通課 書棚", FALSE, error) == 0)
    goto out;
  /* 受入 of what 中央警察署 handed over, on the same day. */
  for (guint i = 0; i < transfers->len; i++)
    {
      DemoTransfer *transfer = &g_array_index (transfers, DemoTransfer, i);
      DemoMaterial received = *transfer->material;

      received.direction = "input";
      received.reason = NULL;
      received.from = "中央警察署 警務課";
      if (!demo_one_material (&l, &received, transfer->day, transfer->quantity,
                              "中央警察署 警務課（職員携行）", error))
        goto out;
    }
  if (!demo_office_ledger (&l, nishi_materials, G_N_ELEMENTS (nishi_materials), 60, error))
    goto out;
  ok = TRUE;

out:
  for (int i = 0; i <= DEMO_LEDGER_DAYS; i++)
    g_free (l.dates[i]);
  g_rand_free (l.rand);
  return ok;
}

/* A few entries of 中央警察署's materials ledger (第15-第17): stored,
 * lent and returned, lent out now, handed over, and disposed of before the
 * 情報管理者. */
static gboolean
demo_ledger (JhkDb       *db,
             JhkSession  *actor,
             GError     **error)
{
  gint64 office = jhk_org_find_unit (db, "910");
  gint64 handler = jhk_org_find_staff (db, "C9113");
  gint64 manager = jhk_org_find_staff (db, "C9111");
  g_autofree char *d30 = days_ago (30);
  g_autofree char *d20 = days_ago (20);
  g_autofree char *d10 = days_ago (10);
  g_autofree char *d3 = days_ago (3);
  gint64 locked, shelf, m;

  locked = jhk_ledger_add_storage_place (db, actor, office, "警務課 施錠保管庫", TRUE, error);
  shelf = locked ? jhk_ledger_add_storage_place (db, actor, office, "警務課 書棚", FALSE, error) : 0;
  if (shelf == 0)
    return FALSE;

  m = jhk_ledger_register_material (db, actor, &(JhkMaterialSpec) {
      .org_unit_id = office, .direction = "output", .name = "指紋照合結果一覧表", .quantity = 3,
      .breakdown = "A4 3枚", .summary = "遺留指紋の照合結果", .business_id = jhk_org_find_business (db, "B101"),
      .handler_staff_id = handler, .purpose = "窃盗事件の捜査", .personal_data = TRUE,
      .creation_reason = "procedure", .acquired_on = d30, .acquisition_method = "printed",
      .measure = "store", .storage_place_id = locked }, error);
  if (m == 0 ||
      !jhk_ledger_record_event (db, actor, m, &(JhkMaterialEvent) {
          .kind = "lend", .happened_on = d20, .quantity = 1, .handler_staff_id = handler,
          .confirmed_by = manager, .counterpart = "刑事課 強行犯係" }, NULL, error) ||
      !jhk_ledger_record_event (db, actor, m, &(JhkMaterialEvent) {
          .kind = "return", .happened_on = d10, .quantity = 1, .handler_staff_id = handler,
          .confirmed_by = manager, .counterpart = "刑事課 強行犯係" }, NULL, error))
    return FALSE;

  m = jhk_ledger_register_material (db, actor, &(JhkMaterialSpec) {
      .org_unit_id = office, .direction = "input", .name = "運転免許照会依頼書", .quantity = 2,
      .business_id = jhk_org_find_business (db, "B103"), .handler_staff_id = handler,
      .purpose = "運転免許情報の照会", .personal_data = TRUE, .acquired_on = d10,
      .acquisition_method = "received", .acquisition_text = "交通課", .measure = "store",
      .storage_place_id = locked }, error);
  if (m == 0 ||
      !jhk_ledger_record_event (db, actor, m, &(JhkMaterialEvent) {
          .kind = "lend", .happened_on = d3, .quantity = 1, .handler_staff_id = handler,
          .counterpart = "地域課" }, NULL, error))
    return FALSE;

  m = jhk_ledger_register_material (db, actor, &(JhkMaterialSpec) {
      .org_unit_id = office, .direction = "output", .name = "犯罪統計月報", .quantity = 5,
      .business_id = jhk_org_find_business (db, "B102"), .handler_staff_id = handler,
      .purpose = "署内の情勢分析", .acquired_on = d20, .acquisition_method = "printed",
      .measure = "store", .storage_place_id = shelf }, error);
  if (m == 0 ||
      !jhk_ledger_record_event (db, actor, m, &(JhkMaterialEvent) {
          .kind = "hand_over", .happened_on = d10, .quantity = 2, .handler_staff_id = handler,
          .counterpart = "生活安全課" }, NULL, error))
    return FALSE;

  m = jhk_ledger_register_material (db, actor, &(JhkMaterialSpec) {
      .org_unit_id = office, .direction = "output", .name = "照合端末 試験出力", .quantity = 1,
      .business_id = jhk_org_find_business (db, "B101"), .handler_staff_id = handler,
      .purpose = "照合端末の保守", .personal_data = TRUE, .creation_reason = "maintenance_test",
      .acquired_on = d30, .acquisition_method = "printed", .measure = "store",
      .storage_place_id = locked }, error);
  return m != 0 &&
         jhk_ledger_final_disposition (db, actor, m, &(JhkMaterialDisposition) {
             .kind = "dispose", .happened_on = d20, .method = "shred", .handler_staff_id = handler,
             .witness_staff_id = manager }, error) &&
         demo_generated_ledger (db, locked, shelf, error);
}

/* Transfers of personal-data output (第17-4, 第17-5) from 中央警察署 to
 * 刑事総務課 (鑑識係, which runs 指紋照合業務) and outside, with the
 * registers they need: confirmed or not by
 * the 運用管理者, received or not, one file-server transfer whose file is
 * still to be deleted from the folder. The encrypted files are written to
 * a temporary folder and removed; their passwords are wiped at once (the
 * demo keeps no password anywhere). */
static gboolean
demo_transfers (JhkDb   *db,
                GError **error)
{
  static const char pdf[] =
    "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
    "trailer << /Root 1 0 R >>\n%%EOF\n";
  g_autoptr(JhkSession) unyo = jhk_session_load (db, jhk_accounts_lookup (db, "chuo-unyo"),
                                                 NULL, error);
  g_autoptr(JhkSession) kanri = unyo ? jhk_session_load (db, jhk_accounts_lookup (db, "chuo-kanri"),
                                                         NULL, error) : NULL;
  /* 刑事総務課 has no office roles in the demo: the system keeps its
   * ledger and records its 受入. */
  g_autoptr(JhkSession) keiji = jhk_session_new_system ("demo");
  g_autofree char *d40 = days_ago (40);
  g_autofree char *d20 = days_ago (20);
  g_autofree char *d0 = days_ago (0);
  g_autofree char *d10 = days_ago (10);
  g_autofree char *d9 = days_ago (9);
  g_autofree char *d5 = days_ago (5);
  g_autofree char *d3 = days_ago (3);
  g_autofree char *dir = NULL;
  g_autofree char *in = NULL;
  g_autofree char *out = NULL;
  gint64 chuo = jhk_org_find_unit (db, "910");
  gint64 dest = jhk_org_find_unit (db, "310");
  gint64 b101 = jhk_org_find_business (db, "B101");
  gint64 koufu = jhk_org_find_staff (db, "C9113");
  gint64 receiver = jhk_org_find_staff (db, "A3101");
  gint64 officers[] = { koufu, 0 };
  gint64 locked, dest_locked, terminal, folder, email, fax, m[3], t;
  gboolean ok = FALSE;

  if (kanri == NULL)
    return FALSE;
  dir = g_dir_make_tmp ("jhk-demo-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  in = g_build_filename (dir, "in.pdf", NULL);
  out = g_build_filename (dir, "out.pdf", NULL);
  if (!g_file_set_contents (in, pdf, -1, error))
    goto out;

  /* R17-5: the registers, kept by the 運用管理者 of 中央警察署. */
  if (jhk_delivery_add_officer (db, unyo, chuo, b101, koufu, error) == 0 ||
      (terminal = jhk_delivery_add_channel (db, unyo, &(JhkDeliveryChannelSpec) {
          .org_unit_id = chuo, .kind = "terminal", .name = "警務課 交付用端末 KM-01",
          .tested_on = d40 }, error)) == 0 ||
      (folder = jhk_delivery_add_channel (db, unyo, &(JhkDeliveryChannelSpec) {
          .org_unit_id = chuo, .kind = "folder", .business_id = b101,
          .name = "指紋照合業務 交付用共有フォルダ", .address = "\\\\fs-chuo\\koufu\\B101",
          .tested_on = d40, .officers = officers }, error)) == 0 ||
      (email = jhk_delivery_add_channel (db, unyo, &(JhkDeliveryChannelSpec) {
          .org_unit_id = chuo, .kind = "email", .name = "刑事総務課 鑑識係",
          .address = "kanshiki@keiji.police.example", .tested_on = d40 }, error)) == 0 ||
      (fax = jhk_delivery_add_channel (db, unyo, &(JhkDeliveryChannelSpec) {
          .org_unit_id = chuo, .kind = "fax", .name = "本部 刑事総務課 鑑識係",
          .address = "03-3581-0110", .tested_on = d40 }, error)) == 0 ||
      jhk_delivery_add_channel (db, unyo, &(JhkDeliveryChannelSpec) {
          .org_unit_id = chuo, .kind = "email", .name = "西警察署 交通課（試験送信前）",
          .address = "koutsu@nishi.police.example" }, error) == 0)
    goto out;

  locked = jhk_ledger_add_storage_place (db, unyo, chuo, "警務課 交付待ち 施錠保管庫", TRUE, error);
  dest_locked = locked ? jhk_ledger_add_storage_place (db, keiji, dest, "鑑識係 施錠保管庫", TRUE,
                                                      error) : 0;
  if (dest_locked == 0)
    goto out;
  for (int i = 0; i < 3; i++)
    {
      static const char *const names[] = { "指紋照合結果一覧表（交付用）", "遺留指紋照合回答書（写）",
                                           "被疑者指紋照会結果" };

      m[i] = jhk_ledger_register_material (db, kanri, &(JhkMaterialSpec) {
          .org_unit_id = chuo, .direction = "output", .name = names[i], .quantity = 5,
          .breakdown = "A4 5枚", .summary = "遺留指紋と登録指紋の照合結果", .business_id = b101,
          .handler_staff_id = koufu, .purpose = "合同捜査本部への交付", .personal_data = TRUE,
          .creation_reason = "procedure", .acquired_on = d40, .acquisition_method = "printed",
          .measure = "store", .storage_place_id = locked }, error);
      if (m[i] == 0)
        goto out;
    }

  /* 文書集配便, confirmed and received. */
  t = jhk_delivery_send (db, kanri, &(JhkTransferSpec) {
      .material_id = m[0], .method = "courier", .sent_on = d20, .quantity = 2,
      .officer_staff_id = koufu, .to_office_id = dest }, NULL, error);
  if (t == 0 || !jhk_delivery_confirm (db, unyo, t, error) ||
      jhk_delivery_receive (db, keiji, t, d20, receiver, dest_locked, error) == 0)
    goto out;
  /* 職員携行, received, still to be confirmed. */
  t = jhk_delivery_send (db, kanri, &(JhkTransferSpec) {
      .material_id = m[0], .method = "carried", .sent_on = d10, .quantity = 1,
      .officer_staff_id = koufu, .to_office_id = dest, .recipient = "鑑識係長" }, NULL, error);
  if (t == 0 || jhk_delivery_receive (db, keiji, t, d10, receiver, dest_locked, error) == 0)
    goto out;
  /* 電子メール, file deleted from the mail server, confirmed, received. */
  t = jhk_delivery_send_discarding_password (db, kanri, &(JhkTransferSpec) {
      .material_id = m[1], .method = "email", .sent_on = d10, .quantity = 1,
      .officer_staff_id = koufu, .to_office_id = dest, .channel_id = email,
      .terminal_id = terminal, .file = in, .out_file = out }, error);
  if (t == 0 || !jhk_delivery_confirm_deleted (db, kanri, t, d9, error) ||
      !jhk_delivery_confirm (db, unyo, t, error) ||
      jhk_delivery_receive (db, keiji, t, d9, receiver, dest_locked, error) == 0)
    goto out;
  /* ファイルサーバ, the file still to be deleted from the folder, waiting
   * for confirmation and for 受入. */
  t = jhk_delivery_send_discarding_password (db, kanri, &(JhkTransferSpec) {
      .material_id = m[1], .method = "file_server", .sent_on = d3, .quantity = 1,
      .officer_staff_id = koufu, .to_office_id = dest, .channel_id = folder,
      .terminal_id = terminal, .file = in, .out_file = out }, error);
  if (t == 0)
    goto out;
  /* ファクシミリ of an inquiry record, outside the ledgers of the offices. */
  t = jhk_delivery_send (db, kanri, &(JhkTransferSpec) {
      .material_id = m[2], .method = "fax", .sent_on = d5, .quantity = 1,
      .officer_staff_id = koufu, .recipient = "本部 刑事総務課 鑑識係", .channel_id = fax,
      .fax_reason = "inquiry_record" }, NULL, error);
  if (t == 0 || !jhk_delivery_confirm (db, unyo, t, error))
    goto out;
  /* 書留郵便 with the 総括責任者's special approval (the demo's roles
   * start today). */
  t = jhk_delivery_send (db, kanri, &(JhkTransferSpec) {
      .material_id = m[2], .method = "registered_mail", .sent_on = d0, .quantity = 1,
      .officer_staff_id = koufu, .recipient = "地方検察庁 刑事部",
      .approved_by = jhk_org_find_staff (db, "A1001"), .note = "遠隔地のため" }, NULL, error);
  ok = t != 0 && jhk_delivery_confirm (db, unyo, t, error);

out:
  g_unlink (in);
  g_unlink (out);
  g_rmdir (dir);
  return ok;
}

/* The 総括責任者's approvals and the confirmations of 様式第1号 in the demo
 * ledger of 中央警察署: requests pending on the 総括責任者's dashboard, one
 * declined; the 作成時確認欄 of the first material signed; the final
 * confirmations of a disposed material asked for and half signed, so they
 * wait on the 運用管理者's and 情報管理責任者's dashboards. */
static gboolean
demo_approvals_and_signoffs (JhkDb   *db,
                             GError **error)
{
  g_autoptr(JhkSession) kanri = NULL;
  g_autoptr(JhkSession) supervisor = NULL;
  gint64 office = jhk_org_find_unit (db, "910");
  gint64 fingerprints = 0, licences = 0, closed = 0, declined;
  static const char *const signers[] = { "chuo-unyo", "chuo-sekinin", "chuo-kanri",
                                         "chuo-hojo" };

  kanri = jhk_session_load (db, jhk_accounts_lookup (db, "chuo-kanri"), NULL, error);
  supervisor = kanri ? jhk_session_load (db, jhk_accounts_lookup (db, "soukatsu"), NULL, error)
                     : NULL;
  if (supervisor == NULL ||
      !jhk_db_query_int64 (db, &fingerprints, error,
                           "SELECT MIN(id) FROM materials WHERE org_unit_id = ?"
                           " AND name = '指紋照合結果一覧表'", JHK_I (office), JHK_DB_END) ||
      !jhk_db_query_int64 (db, &licences, error,
                           "SELECT MIN(id) FROM materials WHERE org_unit_id = ?"
                           " AND name = '運転免許照会依頼書'", JHK_I (office), JHK_DB_END) ||
      !jhk_db_query_int64 (db, &closed, error,
                           "SELECT MIN(d.material_id) FROM material_dispositions d"
                           " JOIN materials m ON m.id = d.material_id"
                           " WHERE m.org_unit_id = ? AND d.created_by = 'chuo-kanri'",
                           JHK_I (office), JHK_DB_END))
    return FALSE;

  /* R15-2 and R16-2: two pending, one declined. */
  if (jhk_approvals_request (db, kanri, fingerprints, "view", "遺留指紋の照合結果の確認",
                             "生活安全課 木村 彩", error) == 0 ||
      jhk_approvals_request (db, kanri, licences, "copy", "事件送致のため写しを要する", NULL,
                             error) == 0)
    return FALSE;
  declined = jhk_approvals_request (db, kanri, licences, "hand_over", "地域課での照会のため",
                                    NULL, error);
  if (declined == 0 ||
      !jhk_approvals_decline (db, supervisor, declined,
                              "交付の必要はない。閲覧で足りる。", error))
    return FALSE;

  /* 作成時確認欄 of the first material, by all four. */
  for (guint i = 0; i < G_N_ELEMENTS (signers); i++)
    {
      g_autoptr(JhkSession) signer = jhk_session_load (db, jhk_accounts_lookup (db, signers[i]),
                                                       NULL, error);

      if (signer == NULL ||
          !jhk_signoffs_sign (db, signer, fingerprints, "created", JHK_ROLE_INVALID, error))
        return FALSE;
    }
  /* 最終処理確認欄: asked for by the disposer, signed from the bottom up
   * to the 情報管理者. */
  if (closed == 0)
    return TRUE;
  if (!jhk_signoffs_request_final (db, kanri, closed, error))
    return FALSE;
  for (guint i = G_N_ELEMENTS (signers) - 1; i >= 2; i--)
    {
      g_autoptr(JhkSession) signer = jhk_session_load (db, jhk_accounts_lookup (db, signers[i]),
                                                       NULL, error);

      if (signer == NULL ||
          !jhk_signoffs_sign (db, signer, closed, "final", JHK_ROLE_INVALID, error))
        return FALSE;
    }
  return TRUE;
}

/* Issue 5, R15-4: 作業依頼書 of 中央警察署 and 西警察署 in every state, to the
 * システム管理者 (after the consent of the business's manager) and to the
 * 対象業務管理者等 directly, each made under the login of the one whose step
 * it is. The one overdue request was filed with a future 完成希望日時 and
 * then given its days back: the demo stands in for the time that passes,
 * as it does for the users' first password change. */
static gboolean
demo_work_requests (JhkDb   *db,
                    GError **error)
{
  typedef struct
  {
    const char *kind;
    const char *content;
    int         quantity;
    const char *form;
    const char *note;
    gboolean    personal_data;
  } Row;
  /* steps, one letter each after the draft is saved: S submit, C consent,
   * D consent declined, R 受付, P 処理, I 入力資料返却, O 出力資料交付,
   * A 用紙・記事欄, F complete, B sent back by the receiving side,
   * W withdrawn, L past its 完成希望日時. */
  static const struct
  {
    const char *requester;
    const char *recipient;
    const char *business;
    const char *summary;
    const char *purpose;
    int         wanted_days;
    Row         rows[2];
    const char *steps;
    const char *comment;
  } requests[] = {
    { "chuo-kanri", "business", "B101", "指紋照合結果一覧表の再出力", "",
      14, { { "output", "指紋照合結果一覧表", 1, "紙", "", TRUE } }, "", NULL },
    { "chuo-kanri", "sysadmin", "B101", "指紋照会データの一括入力", "窃盗事件の捜査に伴う指紋照会",
      10, { { "input", "指紋照会依頼書", 12, "紙", "", FALSE } }, "S", NULL },
    { "chuo-unyo", "sysadmin", "B101", "照合端末の利用者データの修正", "人事異動に伴う利用者の変更",
      7, { { "correction", "利用者登録データ修正票", 3, "紙", "異動者分", FALSE } }, "SC", NULL },
    { "nishi-unyo", "business", "E201", "電子申請受付データの出力", "更新申請の処理状況の確認",
      9, { { "output", "電子申請受付一覧表", 1, "紙", "", TRUE } }, "S", NULL },
    { "chuo-kanri", "business", "B101", "遺留指紋の照合と結果の出力", "侵入盗事件の捜査",
      5, { { "input", "照合対象者一覧", 1, "紙", "", FALSE },
           { "output", "指紋照合結果一覧表", 2, "紙", "", TRUE } }, "SRP", NULL },
    { "nishi-unyo", "sysadmin", "E201", "運転免許電子申請の件数統計の出力", "交通安全計画の資料",
      3, { { "output", "電子申請件数統計表", 1, "紙", "", FALSE } }, "SCRL", NULL },
    { "chuo-kanri", "sysadmin", "B101", "遺留指紋データの入力と照合結果の出力",
      "強盗事件の捜査", 4, { { "input", "遺留指紋票", 5, "紙", "", FALSE },
                                 { "output", "指紋照合結果一覧表", 5, "紙", "", TRUE } },
      "SCRPIOAF", NULL },
    { "chuo-unyo", "business", "B101", "指紋照合件数の集計表の出力", "署内の業務統計",
      6, { { "output", "指紋照合件数集計表", 1, "紙", "", FALSE } }, "SRPOF", NULL },
    { "chuo-kanri", "sysadmin", "B101", "照合履歴データの修正", "誤登録の訂正",
      8, { { "correction", "照合履歴修正票", 2, "紙", "", FALSE } }, "SD",
      "修正の対象と理由が確認できない。誤登録の内容を具体的に記載されたい。" },
    { "nishi-unyo", "business", "E201", "電子申請データの入力", "窓口受付分の電子化",
      12, { { "input", "運転免許更新申請書", 40, "紙", "", FALSE } }, "SB",
      "数量が添付の申請書と合わない。確認のうえ再度依頼されたい。" },
    { "chuo-unyo", "business", "B101", "指紋照合端末の試験出力", "端末の保守",
      11, { { "output", "試験出力", 1, "紙", "", FALSE } }, "SW", NULL },
  };
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (jhk_now_us () / G_USEC_PER_SEC);

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      g_autoptr(JhkSession) requester = NULL;
      g_autoptr(JhkSession) manager = NULL;
      g_autoptr(JhkSession) receiver = NULL;
      g_autoptr(JhkWorkRequest) r = NULL;
      g_autoptr(GDateTime) wanted = NULL;
      const char *manager_login = g_str_equal (requests[i].business, "B101") ? "gyomu" : "denshi";
      JhkWorkRequestStep step = { 0 };
      gint64 id;

      requester = jhk_session_load (db, jhk_accounts_lookup (db, requests[i].requester), NULL,
                                    error);
      manager = requester ? jhk_session_load (db, jhk_accounts_lookup (db, manager_login), NULL,
                                              error) : NULL;
      receiver = manager == NULL ? NULL
                 : g_str_equal (requests[i].recipient, "sysadmin")
                 ? jhk_session_load (db, jhk_accounts_lookup (db, "admin"), NULL, error)
                 : g_object_ref (manager);
      r = receiver ? jhk_work_requests_new_draft (db, requester, error) : NULL;
      if (r == NULL)
        return FALSE;

      g_free (r->recipient);
      r->recipient = g_strdup (requests[i].recipient);
      r->business_id = jhk_org_find_business (db, requests[i].business);
      g_free (r->to_title);
      r->to_title = jhk_work_requests_recipient_title (db, r->recipient, r->business_id);
      if (r->to_title == NULL)
        r->to_title = g_strdup ("");
      g_free (r->summary);
      r->summary = g_strdup (requests[i].summary);
      g_free (r->purpose);
      r->purpose = g_strdup (requests[i].purpose);
      wanted = g_date_time_add_days (now, requests[i].wanted_days);
      g_free (r->wanted_at);
      r->wanted_at = g_date_time_format (wanted, "%Y-%m-%d 17:00");
      for (guint k = 0; k < G_N_ELEMENTS (requests[i].rows) && requests[i].rows[k].kind; k++)
        {
          const Row *row = &requests[i].rows[k];
          JhkWorkRequestItem *item = jhk_work_request_item_new (row->kind, row->content,
                                                                row->quantity, row->form,
                                                                row->note);

          /* Kept in the office's locked place the draft names. */
          item->personal_data = row->personal_data;
          g_ptr_array_add (r->items, item);
        }
      id = jhk_work_requests_save_draft (db, requester, r, error);
      if (id == 0)
        return FALSE;

      /* 受領者 of the input returned and the output handed over. */
      step.to_office = r->office_name;
      step.to_name = r->contact_name;
      for (const char *s = requests[i].steps; *s != '\0'; s++)
        {
          /* Each step at the minute it is taken, not before the last. */
          g_autoptr(GDateTime) taken =
            g_date_time_new_from_unix_local (jhk_now_us () / G_USEC_PER_SEC);
          g_autofree char *at = g_date_time_format (taken, "%Y-%m-%d %H:%M");
          gboolean ok = FALSE;

          step.at = at;

          switch (*s)
            {
            case 'S':
              ok = jhk_work_requests_submit (db, requester, id, error);
              break;
            case 'C':
              ok = jhk_work_requests_consent (db, manager, id, NULL, NULL, NULL, error);
              break;
            case 'D':
              ok = jhk_work_requests_send_back (db, manager, id, requests[i].comment, error);
              break;
            case 'B':
              ok = jhk_work_requests_send_back (db, receiver, id, requests[i].comment, error);
              break;
            case 'W':
              ok = jhk_work_requests_withdraw (db, requester, id, error);
              break;
            case 'R':
              ok = jhk_work_requests_receive (db, receiver, id, &step, error);
              break;
            case 'P':
              ok = jhk_work_requests_process (db, receiver, id, &step, error);
              break;
            case 'I':
              ok = jhk_work_requests_return_input (db, receiver, id, &step, error);
              break;
            case 'O':
              ok = jhk_work_requests_deliver_output (db, receiver, id, &step, error);
              break;
            case 'A':
              ok = jhk_work_requests_set_paper (db, receiver, id, &(JhkWorkRequestPaper) {
                  .a4 = 6, .remarks = "照合結果一覧表は施錠保管庫に格納" }, error);
              break;
            case 'F':
              ok = jhk_work_requests_complete (db, receiver, id, error);
              break;
            case 'L':
              {
                g_autoptr(GDateTime) filed = g_date_time_add_days (now, -6);
                g_autoptr(GDateTime) received = g_date_time_add_days (now, -5);
                g_autoptr(GDateTime) due = g_date_time_add_days (now, -1);
                g_autofree char *received_at = g_date_time_format (received, "%Y-%m-%d 10:00");
                g_autofree char *wanted_at = g_date_time_format (due, "%Y-%m-%d 17:00");
                gint64 filed_us = g_date_time_to_unix (filed) * G_USEC_PER_SEC;

                ok = jhk_db_run (db, error,
                                 "UPDATE work_requests SET wanted_at = ?, received_at = ?,"
                                 " created_at = ?, updated_at = ?, submitted_at = ?,"
                                 " consent_at = CASE WHEN consent_at IS NULL THEN NULL"
                                 " ELSE CAST(? AS BIGINT) END"
                                 " WHERE id = ?",
                                 JHK_T (wanted_at), JHK_T (received_at), JHK_I (filed_us),
                                 JHK_I (filed_us), JHK_I (filed_us), JHK_I (filed_us), JHK_I (id),
                                 JHK_DB_END);
              }
              break;
            default:
              g_assert_not_reached ();
            }
          if (!ok)
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
jhk_demo_populate (JhkDb   *db,
                   GError **error)
{
  g_autoptr(JhkSession) system = jhk_session_new_system ("demo");
  g_autoptr(JhkSession) admin = NULL;
  g_autoptr(JhkSession) supervisor = NULL;
  g_autofree char *today = jhk_today ();
  gint64 supervisor_staff;
  gboolean ok = FALSE;

  g_return_val_if_fail (JHK_IS_DB (db), FALSE);

  /* One transaction: a demo is created whole or not at all. The services
   * nest inside it as savepoints. */
  if (!jhk_db_begin (db, error))
    return FALSE;

  if (!jhk_accounts_bootstrap (db, "100", "総務部", people[0].staff_no, people[0].name,
                               people[0].login, JHK_DEMO_PASSWORD, error))
    goto out;
  supervisor_staff = jhk_org_find_staff (db, people[0].staff_no);
  if (!jhk_db_run (db, error,
                   "UPDATE staff SET kana = ?, rank = ?, title = ?, extension = ? WHERE id = ?",
                   JHK_T (people[0].kana), JHK_T (people[0].rank), JHK_T (people[0].title),
                   JHK_T (people[0].extension), JHK_I (supervisor_staff), JHK_DB_END) ||
      !jhk_db_run (db, error, "UPDATE org_units SET head_title = ? WHERE code = '100'",
                   JHK_T (units[0].head_title), JHK_DB_END))
    goto out;

  /* The system actor stands in for the システム管理者 while it does not
   * exist yet; everything is audited as "system:demo". */
  for (guint i = 1; i < G_N_ELEMENTS (units); i++)
    if (jhk_org_add_unit (db, system, units[i].code, units[i].name, units[i].kind,
                          units[i].parent ? jhk_org_find_unit (db, units[i].parent) : 0,
                          units[i].head_title, error) == 0)
      goto out;

  for (guint i = 0; i < G_N_ELEMENTS (businesses); i++)
    if (jhk_org_add_business (db, system, businesses[i].code, businesses[i].name,
                              businesses[i].kind, businesses[i].category, businesses[i].basis,
                              jhk_org_find_unit (db, businesses[i].owner),
                              businesses[i].description, error) == 0)
      goto out;

  for (guint i = 1; i < G_N_ELEMENTS (people); i++)
    if (jhk_org_add_staff (db, system, people[i].staff_no, people[i].name, people[i].kana,
                           people[i].rank, people[i].title, jhk_org_find_unit (db, people[i].unit),
                           people[i].extension, error) == 0)
      goto out;

  supervisor = jhk_session_load (db, jhk_accounts_lookup (db, "soukatsu"), NULL, error);
  if (supervisor == NULL)
    goto out;

  /* R12-1: the 総括責任者 issues every user ID. */
  for (guint i = 1; i < G_N_ELEMENTS (people); i++)
    {
      gint64 staff_id = jhk_org_find_staff (db, people[i].staff_no);
      gint64 user_id;

      if (people[i].login == NULL)
        continue;
      user_id = jhk_accounts_issue (db, supervisor, people[i].login, staff_id,
                                    JHK_DEMO_PASSWORD, "デモ用アカウント", 0, error);
      if (user_id == 0)
        goto out;
      /* Demo accounts start ready to use, without the forced change. */
      if (!jhk_db_run (db, error, "UPDATE users SET must_change = 0 WHERE id = ?",
                       JHK_I (user_id), JHK_DB_END))
        goto out;
    }

  /* R5-1, R6-1: who holds each role, from today. */
  for (guint i = 1; i < G_N_ELEMENTS (people); i++)
    {
      gint64 business_id;
      gint64 org_id = scope_id (db, people[i].role, people[i].scope, &business_id);

      if (jhk_org_grant_role (db, supervisor, jhk_org_find_staff (db, people[i].staff_no),
                              jhk_role_from_key (people[i].role), org_id, business_id, today,
                              NULL, "", error) == 0)
        goto out;
    }
  /* Staff who act in more than one role. */
  if (jhk_org_grant_role (db, supervisor, jhk_org_find_staff (db, "C9131"), JHK_ROLE_STAFF,
                          jhk_org_find_unit (db, "910"), 0, today, NULL, "", error) == 0 ||
      jhk_org_grant_role (db, supervisor, jhk_org_find_staff (db, "C9113"), JHK_ROLE_STAFF,
                          jhk_org_find_unit (db, "910"), 0, today, NULL, "", error) == 0)
    goto out;

  /* R8-1, R9-1: the 総括責任者 approves most businesses; two wait. */
  for (guint i = 0; i < G_N_ELEMENTS (businesses); i++)
    if (businesses[i].approve &&
        !jhk_org_approve_business (db, supervisor, jhk_org_find_business (db, businesses[i].code),
                                   error))
      goto out;

  if (!demo_ledger (db, system, error) ||
      !demo_approvals_and_signoffs (db, error) ||
      !demo_system_documents (db, error))
    goto out;
  if (!demo_transfers (db, error))
    goto out;
  if (!demo_work_requests (db, error))
    goto out;
  if (!jhk_demo_inquiries (db, error))
    goto out;
  if (!jhk_demo_incidents (db, error))
    goto out;

  ok = TRUE;

out:
  if (ok)
    return jhk_db_commit (db, error);
  jhk_db_rollback (db);
  return FALSE;
}
