/* jhk-attention-incidents.c: the incidents waiting for the user (jhk-attention.h). SCAFFOLD. */
#include "config.h"

#include "jhk-attention.h"

GPtrArray *
jhk_attention_incidents (JhkDb *db, JhkSession *actor)
{
  (void) db;
  (void) actor;
  return NULL;
}
