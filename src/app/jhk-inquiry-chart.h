/* jhk-inquiry-chart.h: the daily volume of inquiries of one office and
 * month (照会点検, issue 6), drawn with Cairo: a bar per day, its flagged
 * part in the warning colour, weekends and holidays shaded, a tooltip per
 * day and an accessible label that sums it up. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define JHK_TYPE_INQUIRY_CHART (jhk_inquiry_chart_get_type ())
G_DECLARE_FINAL_TYPE (JhkInquiryChart, jhk_inquiry_chart, JHK, INQUIRY_CHART, GtkWidget)

GtkWidget  *jhk_inquiry_chart_new         (void);
/* period "YYYY-MM"; daily and daily_flagged hold n_days counts, day 1
 * first (copied); holidays NULL or "YYYY-MM-DD\tname" strings (those of
 * other months are ignored). n_days 0 empties the chart. */
void        jhk_inquiry_chart_set_data    (JhkInquiryChart *self,
                                           const char      *period,
                                           guint            n_days,
                                           const guint     *daily,
                                           const guint     *daily_flagged,
                                           GPtrArray       *holidays);
/* What the accessible label says. */
const char *jhk_inquiry_chart_get_summary (JhkInquiryChart *self);
/* The tooltip of day (from 1); a new string, NULL outside the month. */
char       *jhk_inquiry_chart_day_text    (JhkInquiryChart *self,
                                           guint            day);

G_END_DECLS
