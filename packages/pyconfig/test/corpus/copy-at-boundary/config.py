from mmengine.config import read_base

with read_base():
    from .my_base import x_datasets, rc

x_datasets[0]['reader_cfg']['test_range'] = '[0:4]'
shared_after_import = x_datasets[0]['reader_cfg'] is x_datasets[1]['reader_cfg']
attr_access = x_datasets[1].abbr
x_datasets[1].note = 'set through ConfigDict attribute'
