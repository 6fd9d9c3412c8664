/* jhk-inquiry-chart.c: the daily volume of inquiries, drawn with Cairo in
 * the widget's snapshot. */
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "jhk-inquiry-chart.h"

#define AXIS_WIDTH   40.0
#define LABEL_HEIGHT 20.0
#define TOP_MARGIN   8.0

struct _JhkInquiryChart
{
  GtkWidget  parent_instance;

  int        year;
  int        month;
  guint      n_days;
  guint     *daily;
  guint     *flagged;
  char     **holiday_names;   /* n_days entries, NULL where no holiday */
  char      *summary;
};

G_DEFINE_FINAL_TYPE (JhkInquiryChart, jhk_inquiry_chart, GTK_TYPE_WIDGET)

static gboolean
day_is_off (JhkInquiryChart *self,
            guint            day)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (self->year, self->month, day, 12, 0, 0);
  int weekday = dt != NULL ? g_date_time_get_day_of_week (dt) : 1;

  return weekday >= 6 || (self->holiday_names != NULL && self->holiday_names[day - 1] != NULL);
}

static guint
max_count (JhkInquiryChart *self)
{
  guint max = 0;

  for (guint i = 0; i < self->n_days; i++)
    max = MAX (max, self->daily[i]);
  return max;
}

/* A round top for the axis: 1, 2 or 5 times a power of ten. */
static guint
axis_top (guint max)
{
  guint step = 1;

  if (max == 0)
    return 1;
  for (;;)
    {
      if (max <= step)
        return step;
      if (max <= 2 * step)
        return 2 * step;
      if (max <= 5 * step)
        return 5 * step;
      if (step > G_MAXUINT / 10)
        return max;
      step *= 10;
    }
}

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              const char *fallback,
              GdkRGBA    *out)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, out))
    gdk_rgba_parse (out, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
foreground_color (GtkWidget *widget,
                  GdkRGBA   *out)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), out);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
show_text (GtkWidget  *widget,
           cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      xalign)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - xalign * w, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
jhk_inquiry_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  JhkInquiryChart *self = JHK_INQUIRY_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double plot_w = width - AXIS_WIDTH - 4;
  double plot_h = height - LABEL_HEIGHT - TOP_MARGIN;
  GdkRGBA fg, accent, warning;
  guint top;
  double slot;
  cairo_t *cr;
  char text[32];

  if (self->n_days == 0 || plot_w <= 0 || plot_h <= 0)
    return;
  foreground_color (widget, &fg);
  lookup_color (widget, "accent_color", "#1c71d8", &accent);
  lookup_color (widget, "warning_color", "#c64600", &warning);
  top = axis_top (max_count (self));
  slot = plot_w / self->n_days;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* Weekends and holidays, shaded. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.07);
  for (guint d = 1; d <= self->n_days; d++)
    if (day_is_off (self, d))
      cairo_rectangle (cr, AXIS_WIDTH + (d - 1) * slot, TOP_MARGIN, slot, plot_h);
  cairo_fill (cr);

  /* The axes, with the top and a middle line. */
  cairo_set_line_width (cr, 1);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.25);
  cairo_move_to (cr, AXIS_WIDTH, TOP_MARGIN + 0.5);
  cairo_line_to (cr, AXIS_WIDTH + plot_w, TOP_MARGIN + 0.5);
  cairo_move_to (cr, AXIS_WIDTH, TOP_MARGIN + plot_h / 2 + 0.5);
  cairo_line_to (cr, AXIS_WIDTH + plot_w, TOP_MARGIN + plot_h / 2 + 0.5);
  cairo_stroke (cr);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
  cairo_move_to (cr, AXIS_WIDTH - 0.5, TOP_MARGIN);
  cairo_line_to (cr, AXIS_WIDTH - 0.5, TOP_MARGIN + plot_h + 0.5);
  cairo_line_to (cr, AXIS_WIDTH + plot_w, TOP_MARGIN + plot_h + 0.5);
  cairo_stroke (cr);

  /* The bars: all inquiries in the accent colour, the flagged part of
   * each at its foot in the warning colour. */
  for (guint i = 0; i < self->n_days; i++)
    {
      double x = AXIS_WIDTH + i * slot + MAX (1.0, slot * 0.15);
      double w = MAX (1.0, slot * 0.7);
      double h = plot_h * self->daily[i] / top;
      double hf = plot_h * MIN (self->flagged[i], self->daily[i]) / top;

      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.75);
      cairo_rectangle (cr, x, TOP_MARGIN + plot_h - h, w, h - hf);
      cairo_fill (cr);
      if (hf > 0)
        {
          cairo_set_source_rgba (cr, warning.red, warning.green, warning.blue, 1.0);
          cairo_rectangle (cr, x, TOP_MARGIN + plot_h - MAX (hf, 1.5), w, MAX (hf, 1.5));
          cairo_fill (cr);
        }
    }

  /* Labels: the counts on the left, the days below. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
  g_snprintf (text, sizeof text, "%u", top);
  show_text (widget, cr, text, AXIS_WIDTH - 4, TOP_MARGIN, 1.0);
  if (top >= 2 && top % 2 == 0)
    {
      g_snprintf (text, sizeof text, "%u", top / 2);
      show_text (widget, cr, text, AXIS_WIDTH - 4, TOP_MARGIN + plot_h / 2, 1.0);
    }
  show_text (widget, cr, "0", AXIS_WIDTH - 4, TOP_MARGIN + plot_h, 1.0);
  for (guint d = 1; d <= self->n_days; d++)
    if (d == 1 || d % 5 == 0 || slot >= 18)
      {
        g_snprintf (text, sizeof text, "%u", d);
        show_text (widget, cr, text, AXIS_WIDTH + (d - 0.5) * slot,
                   TOP_MARGIN + plot_h + LABEL_HEIGHT / 2 + 1, 0.5);
      }
  cairo_destroy (cr);
}

static void
jhk_inquiry_chart_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) AXIS_WIDTH + 31 * 4;
      *natural = (int) AXIS_WIDTH + 31 * 16;
    }
  else
    {
      *minimum = 120;
      *natural = 160;
    }
}

char *
jhk_inquiry_chart_day_text (JhkInquiryChart *self,
                            guint            day)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *date = NULL;
  char *text;

  g_return_val_if_fail (JHK_IS_INQUIRY_CHART (self), NULL);
  if (day < 1 || day > self->n_days)
    return NULL;
  dt = g_date_time_new_local (self->year, self->month, day, 12, 0, 0);
  date = dt != NULL ? g_date_time_format (dt, "%Y-%m-%d (%a)") : g_strdup ("");
  text = g_strdup_printf (ngettext ("%s: %u inquiry, %u flagged", "%s: %u inquiries, %u flagged",
                                    self->daily[day - 1]),
                          date, self->daily[day - 1], self->flagged[day - 1]);
  if (self->holiday_names != NULL && self->holiday_names[day - 1] != NULL)
    {
      char *with = g_strdup_printf ("%s\n%s", text, self->holiday_names[day - 1]);

      g_free (text);
      text = with;
    }
  return text;
}

static gboolean
jhk_inquiry_chart_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard,
                                 GtkTooltip *tooltip)
{
  JhkInquiryChart *self = JHK_INQUIRY_CHART (widget);
  double plot_w = gtk_widget_get_width (widget) - AXIS_WIDTH - 4;
  g_autofree char *text = NULL;
  guint day;

  if (self->n_days == 0 || plot_w <= 0)
    return FALSE;
  if (keyboard || x < AXIS_WIDTH)
    {
      gtk_tooltip_set_text (tooltip, self->summary);
      return TRUE;
    }
  day = (guint) ((x - AXIS_WIDTH) / (plot_w / self->n_days)) + 1;
  text = jhk_inquiry_chart_day_text (self, day);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
clear_data (JhkInquiryChart *self)
{
  g_clear_pointer (&self->daily, g_free);
  g_clear_pointer (&self->flagged, g_free);
  if (self->holiday_names != NULL)
    {
      for (guint i = 0; i < self->n_days; i++)
        g_free (self->holiday_names[i]);
      g_clear_pointer (&self->holiday_names, g_free);
    }
  self->n_days = 0;
}

void
jhk_inquiry_chart_set_data (JhkInquiryChart *self,
                            const char      *period,
                            guint            n_days,
                            const guint     *daily,
                            const guint     *daily_flagged,
                            GPtrArray       *holidays)
{
  guint total = 0, total_flagged = 0, busiest = 0;
  g_autofree char *prefix = NULL;

  g_return_if_fail (JHK_IS_INQUIRY_CHART (self));

  clear_data (self);
  g_clear_pointer (&self->summary, g_free);
  self->year = 0;
  self->month = 0;
  if (period == NULL || sscanf (period, "%d-%d", &self->year, &self->month) != 2 ||
      self->month < 1 || self->month > 12 || daily == NULL)
    n_days = 0;
  if (n_days > 31)
    n_days = 31;
  self->n_days = n_days;
  self->daily = g_new0 (guint, MAX (n_days, 1));
  self->flagged = g_new0 (guint, MAX (n_days, 1));
  if (n_days > 0)
    {
      memcpy (self->daily, daily, n_days * sizeof (guint));
      if (daily_flagged != NULL)
        memcpy (self->flagged, daily_flagged, n_days * sizeof (guint));
    }
  prefix = g_strdup_printf ("%04d-%02d-", self->year, self->month);
  for (guint i = 0; holidays != NULL && n_days > 0 && i < holidays->len; i++)
    {
      const char *entry = g_ptr_array_index (holidays, i);
      const char *tab = entry != NULL ? strchr (entry, '\t') : NULL;
      guint day;

      if (entry == NULL || !g_str_has_prefix (entry, prefix))
        continue;
      day = (guint) g_ascii_strtoull (entry + strlen (prefix), NULL, 10);
      if (day < 1 || day > n_days)
        continue;
      if (self->holiday_names == NULL)
        self->holiday_names = g_new0 (char *, n_days);
      g_free (self->holiday_names[day - 1]);
      self->holiday_names[day - 1] = g_strdup (tab != NULL ? tab + 1 : "");
    }

  for (guint i = 0; i < n_days; i++)
    {
      total += self->daily[i];
      total_flagged += self->flagged[i];
      if (self->daily[i] > self->daily[busiest])
        busiest = i;
    }
  if (n_days == 0)
    self->summary = g_strdup (_("Inquiries per day: no month chosen."));
  else if (total == 0)
    self->summary = g_strdup_printf (_("Inquiries per day of %s: none."), period);
  else
    self->summary = g_strdup_printf (_("Inquiries per day of %s: %u in all, %u of them "
                                       "flagged; the busiest was day %u with %u."),
                                     period, total, total_flagged, busiest + 1,
                                     self->daily[busiest]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->summary, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
jhk_inquiry_chart_get_summary (JhkInquiryChart *self)
{
  g_return_val_if_fail (JHK_IS_INQUIRY_CHART (self), NULL);
  return self->summary;
}

static void
jhk_inquiry_chart_finalize (GObject *object)
{
  JhkInquiryChart *self = JHK_INQUIRY_CHART (object);

  clear_data (self);
  g_free (self->summary);
  G_OBJECT_CLASS (jhk_inquiry_chart_parent_class)->finalize (object);
}

static void
jhk_inquiry_chart_class_init (JhkInquiryChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = jhk_inquiry_chart_finalize;
  widget_class->snapshot = jhk_inquiry_chart_snapshot;
  widget_class->measure = jhk_inquiry_chart_measure;
  widget_class->query_tooltip = jhk_inquiry_chart_query_tooltip;
  gtk_widget_class_set_css_name (widget_class, "inquirychart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
jhk_inquiry_chart_init (JhkInquiryChart *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  jhk_inquiry_chart_set_data (self, NULL, 0, NULL, NULL, NULL);
}

GtkWidget *
jhk_inquiry_chart_new (void)
{
  return g_object_new (JHK_TYPE_INQUIRY_CHART, NULL);
}
