/* Binary search tree on the heap: insert, search, in/pre/post-order traversal, height, delete, free. */
#include <stdio.h>
#include <stdlib.h>

#include "test.h"

struct tree { int key; int count; struct tree *left, *right; };

static struct tree *insert(struct tree *t, int key) {
  if (!t) {
    t = malloc(sizeof *t);
    t->key = key; t->count = 1; t->left = t->right = NULL;
    return t;
  }
  if (key < t->key) t->left = insert(t->left, key);
  else if (key > t->key) t->right = insert(t->right, key);
  else t->count++;
  return t;
}
static const struct tree *find(const struct tree *t, int key) {
  while (t && t->key != key) t = key < t->key ? t->left : t->right;
  return t;
}
static int height(const struct tree *t) {
  if (!t) return 0;
  int l = height(t->left), r = height(t->right);
  return 1 + (l > r ? l : r);
}
static int size(const struct tree *t) { return t ? 1 + size(t->left) + size(t->right) : 0; }
static void inorder(const struct tree *t) { if (t) { inorder(t->left); printf(" %d", t->key); if (t->count > 1) printf("x%d", t->count); inorder(t->right); } }
static void preorder(const struct tree *t) { if (t) { printf(" %d", t->key); preorder(t->left); preorder(t->right); } }
static void postorder(const struct tree *t) { if (t) { postorder(t->left); postorder(t->right); printf(" %d", t->key); } }
static struct tree *delete(struct tree *t, int key) {
  if (!t) return NULL;
  if (key < t->key) t->left = delete(t->left, key);
  else if (key > t->key) t->right = delete(t->right, key);
  else {
    if (!t->left || !t->right) {
      struct tree *child = t->left ? t->left : t->right;
      free(t);
      return child;
    }
    struct tree *m = t->right;
    while (m->left) m = m->left;
    t->key = m->key;
    t->count = m->count;
    m->count = 1;
    t->right = delete(t->right, m->key);
  }
  return t;
}
static void destroy(struct tree *t) { if (t) { destroy(t->left); destroy(t->right); free(t); } }

int main(void) {
  struct tree *root = NULL;
  static const int keys[] = { 50, 30, 70, 20, 40, 60, 80, 35, 45, 65, 30, 70, 70, 10, 5, 90, 85 };
  int i;
  for (i = 0; i < (int)(sizeof keys / sizeof keys[0]); i++) root = insert(root, keys[i]);
  printf("in:"); inorder(root); printf("\n");
  printf("pre:"); preorder(root); printf("\n");
  printf("post:"); postorder(root); printf("\n");
  ASSERT(14, size(root));
  ASSERT(5, height(root));
  ASSERT(1, find(root, 65) != NULL);
  ASSERT(0, find(root, 66) != NULL);
  ASSERT(3, find(root, 70)->count);
  root = delete(root, 50);   /* two children: root replaced by successor */
  root = delete(root, 5);    /* leaf */
  root = delete(root, 90);   /* one child */
  root = delete(root, 1234); /* absent */
  printf("in:"); inorder(root); printf("\n");
  printf("pre:"); preorder(root); printf("\n");
  ASSERT(11, size(root));
  {
    /* degenerate tree from sorted input, then balanced-ish from a permutation */
    struct tree *chain = NULL, *perm = NULL;
    for (i = 0; i < 100; i++) chain = insert(chain, i);
    for (i = 0; i < 100; i++) perm = insert(perm, (i * 37) % 100);
    ASSERT(100, height(chain));
    printf("perm height %d size %d\n", height(perm), size(perm));
    destroy(chain);
    destroy(perm);
  }
  destroy(root);
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
