names = ['library', 'validate']
evaluate(new File(generator))
