"""Django format modules (FORMAT_MODULE_PATH): one package per translation language, each
taking its dates and numbers from CLDR through admin_catalogues.cldr."""
