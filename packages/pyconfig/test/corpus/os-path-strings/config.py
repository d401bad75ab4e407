import os.path as osp
import os
a = osp.join('outputs', 'demo', 'x.json')
b = osp.join('/abs', 'x', '/restart', 'y')
c = osp.dirname('/a/b/c.py'), osp.dirname('file.py'), osp.dirname('/'), osp.dirname('a/b/')
d = osp.basename('/a/b/c.py'), osp.splitext('/a/b/c.tar.gz'), osp.splitext('.bashrc'), osp.split('/a/b')
e = os.path.join('x', ''), os.path.normpath('a/./b/../c'), os.path.isabs('/x')
base_exp_dir = 'outputs/corebench'
work_dir = osp.join(base_exp_dir, 'chat_objective')
del os
